using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Udmoentning.Web.Access;

/// <summary>
/// A secret of 32 random bytes in base64url without padding (43 characters): the token in a user's calendar addresses and
/// the body of a personal access token.
/// </summary>
public static class RandomSecret
{
    public const int Length = 43;

    private static readonly SearchValues<char> Characters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether the text could be such a secret at all, so anything else is refused without a query.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> text) => text.Length == Length && !text.ContainsAnyExcept(Characters);
}
