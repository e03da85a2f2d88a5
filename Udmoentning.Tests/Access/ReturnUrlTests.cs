using Udmoentning.Web.Access;

namespace Udmoentning.Tests.Access;

public class ReturnUrlTests
{
    [Theory]
    [InlineData("/udvalg/au?status=i-gang", "/udvalg/au?status=i-gang")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void SignInSendsUsersBackOnlyToThisSite(string? returnUrl, string expected)
    {
        Assert.Equal(expected, ReturnUrls.LocalOnly(returnUrl));
    }
}
