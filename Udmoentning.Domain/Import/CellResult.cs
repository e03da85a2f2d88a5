namespace Udmoentning.Domain.Import;

/// <summary>A value read from a cell, or the Danish reason it could not be read.</summary>
public readonly record struct CellResult<T>(T Value, string? Error)
{
    public bool IsOk => Error is null;

    public static CellResult<T> Ok(T value) => new(value, null);

    public static CellResult<T> Fail(string error) => new(default!, error);
}
