using Learn.Core.Data;
using Learn.Core.Identity;
using Learn.WeChat.Configuration;
using Learn.WeChat.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learn.Api.WeChat;

/// <summary>
/// Keeps the Official Account identities (<see cref="WeChatIdentity"/> with <see cref="WeChatAppKind.OfficialAccount"/>)
/// in step with follow / unfollow, so notifications know who can receive template messages.
/// </summary>
internal sealed class OfficialAccountFollowers(LearnDbContext db, IdentityLinks links, IOptions<WeChatOptions> weChat, TimeProvider time)
{
    private string AppId => weChat.Value.OfficialAccount.AppId;

    /// <summary>
    /// Records a follow. A unionid (in the push, when the open platform adds it) ties this identity to the
    /// member already bound through the Mini Program.
    /// </summary>
    public async Task FollowedAsync(WeChatMessage m, CancellationToken ct)
    {
        try { await SaveAsync(m, subscribed: true, ct); }
        catch (DbUpdateException)
        {
            // Two first follows of one openid raced on the unique (app_id, open_id): the other insert won, update it.
            db.ChangeTracker.Clear();
            await SaveAsync(m, subscribed: true, ct);
        }
    }

    /// <summary>Records an unfollow; the identity and its binding stay, only <c>Subscribed</c> changes.</summary>
    public Task UnfollowedAsync(WeChatMessage m, CancellationToken ct) => SaveAsync(m, subscribed: false, ct);

    private async Task SaveAsync(WeChatMessage m, bool subscribed, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var identity = await db.WeChatIdentities.FirstOrDefaultAsync(w => w.AppId == AppId && w.OpenId == m.FromUserName, ct);
        if (identity is null)
        {
            identity = new WeChatIdentity { AppKind = WeChatAppKind.OfficialAccount, AppId = AppId, OpenId = m.FromUserName, CreatedAt = now };
            db.WeChatIdentities.Add(identity);
        }
        identity.Subscribed = subscribed;
        identity.LastSeenAt = now;
        if (string.IsNullOrEmpty(identity.UnionId) && (m["UnionId"] ?? m["unionid"]) is { Length: > 0 and <= 64 } unionId)
            identity.UnionId = unionId;

        // The members feature's rule: a binding made in the Mini Program holds here too.
        await links.AdoptMemberByUnionIdAsync(identity, ct);
        await db.SaveChangesAsync(ct);
    }
}
