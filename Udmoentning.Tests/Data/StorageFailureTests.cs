using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Udmoentning.Web.Changes;

namespace Udmoentning.Tests.Data;

/// <summary>
/// Which database errors are an outage ("Databasen kan ikke nås", try again) and which are the database refusing the data:
/// the latter are a refusal or a bug, and must not be told to the user as an outage.
/// </summary>
public sealed class StorageFailureTests
{
    [Theory]
    [InlineData("22001", false)] // a value too long for its column
    [InlineData("22003", false)] // a number out of range
    [InlineData("23505", false)] // a unique key
    [InlineData("23503", false)] // a foreign key
    [InlineData("08006", true)] // the connection failed
    [InlineData("57P01", true)] // the server is shutting down
    [InlineData("53300", true)] // too many connections
    public void APostgresRefusalOfTheDataIsNotAnOutageButALostServerIs(string sqlState, bool outage) =>
        Assert.Equal(outage, StorageFailure.Is(new DbUpdateException("Saving failed", new PostgresException("message", "ERROR", "ERROR", sqlState))));

    [Theory]
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(14, true)] // SQLITE_CANTOPEN
    public void ASqliteConstraintIsNotAnOutageButALockedOrMissingFileIs(int code, bool outage) =>
        Assert.Equal(outage, StorageFailure.Is(new DbUpdateException("Saving failed", new SqliteException("message", code))));
}
