using Learn.Core.Data;
using Learn.Core.Organizers;
using Learn.Core.Problems;
using Learn.Core.Security;
using Learn.WeChat.Configuration;
using Learn.WeChat.Errors;
using Learn.WeChat.MiniProgram;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Core.Identity;

/// <summary>
/// <c>wx.login</c> code → code2Session → our WeChat identity (found or created) → our own tokens.
/// The session_key is kept encrypted for decrypting open data later and never leaves the server.
/// </summary>
public sealed class WeChatLogin(LearnDbContext db, MiniProgramClient miniProgram, IOptions<WeChatOptions> weChat,
    PersonalDataProtector protector, LoginSessions sessions, IdentityLinks links, TimeProvider clock)
{
    public async Task<Outcome<LoginTokens>> LoginAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 128) return Refusal.Invalid("code", "缺少登录凭证 code");
        Code2SessionResult session;
        try
        {
            session = await miniProgram.Code2SessionAsync(code, ct);
        }
        catch (WeChatApiException e) when (e.IsTransient)
        {
            return new Refusal(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Unavailable, "微信服务繁忙，请稍后再试");
        }
        catch (WeChatApiException)
        {
            // 40029 invalid / 40163 used code, 40226 high-risk user: the client must call wx.login again.
            return new Refusal(StatusCodes.Status400BadRequest, MemberProblemTypes.WeChatLoginFailed, "微信登录凭证无效或已过期，请重新登录");
        }

        var appId = weChat.Value.MiniProgram.AppId;
        var now = clock.GetUtcNow().UtcDateTime;
        var identity = await db.WeChatIdentities.SingleOrDefaultAsync(w => w.AppId == appId && w.OpenId == session.OpenId, ct);
        if (identity is null)
        {
            identity = new WeChatIdentity { AppKind = WeChatAppKind.MiniProgram, AppId = appId, OpenId = session.OpenId, CreatedAt = now };
            db.WeChatIdentities.Add(identity);
        }
        identity.UnionId = session.UnionId ?? identity.UnionId;
        identity.SessionKeyCipher = protector.Encrypt(session.SessionKey);
        identity.LastSeenAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (identity.Id == 0)
        {
            // Two first logins of one user raced (double tap): the other created the row; use it.
            db.ChangeTracker.Clear();
            identity = await db.WeChatIdentities.SingleAsync(w => w.AppId == appId && w.OpenId == session.OpenId, ct);
            identity.SessionKeyCipher = protector.Encrypt(session.SessionKey);
            identity.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
        }
        if (identity.MemberId is null) await links.AdoptMemberByUnionIdAsync(identity, ct);
        return await sessions.StartAsync(identity, ct);
    }
}
