using System.Security.Cryptography;
using Learn.Core.Auth;
using Learn.TestSupport;
using Microsoft.Extensions.Options;

namespace Learn.Core.Tests.Auth;

public class AccessTokensTests
{
    private readonly TestClock _clock = new();
    private readonly AccessTokens _tokens;

    public AccessTokensTests() =>
        _tokens = new AccessTokens(Options.Create(new MemberTokenOptions
        {
            SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            AccessTokenMinutes = 30,
        }), _clock);

    [Fact]
    public void Issued_token_reads_back_its_identity_member_and_session()
    {
        var payload = _tokens.Read(_tokens.Issue(7, 42, "s1"));
        payload.ShouldNotBeNull();
        payload.IdentityId.ShouldBe(7);
        payload.MemberId.ShouldBe(42);
        payload.SessionId.ShouldBe("s1");
    }

    [Fact]
    public void Expired_token_is_refused()
    {
        var token = _tokens.Issue(7, null, "s1");
        _clock.Advance(TimeSpan.FromMinutes(31));
        _tokens.Read(token).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("!!!.###")]
    public void Garbage_is_refused(string token) => _tokens.Read(token).ShouldBeNull();

    [Fact]
    public void Token_with_an_edited_payload_is_refused()
    {
        var token = _tokens.Issue(7, 42, "s1");
        var forged = _tokens.Issue(7, 1, "s1");
        // Someone else's signature on this payload: the member id was changed to 1.
        _tokens.Read(forged.Split('.')[0] + "." + token.Split('.')[1]).ShouldBeNull();
    }

    [Fact]
    public void Token_signed_with_another_key_is_refused()
    {
        var other = new AccessTokens(Options.Create(new MemberTokenOptions
        {
            SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }), _clock);
        _tokens.Read(other.Issue(7, 42, "s1")).ShouldBeNull();
    }
}
