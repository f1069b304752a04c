using Learn.Core.Invitations;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Security;
using Learn.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Learn.Api.Tests.Identity;

/// <summary>What binding tests start from: a branch with one member (mobile on the roster when given) and a branch-wide invitation code.</summary>
public static class BindingArrange
{
    public static async Task<(Organization Branch, Member Member, string Code)> AddBranchMemberAsync(this ApiFactory factory,
        string memberName, string? mobile = null)
    {
        var protector = factory.Services.GetRequiredService<PersonalDataProtector>();
        return await factory.WithDbAsync(async db =>
        {
            var branch = await db.AddOrganizationAsync("绑定测试党支部" + Guid.NewGuid().ToString("N")[..4], OrganizationKind.Branch);
            var member = await db.AddMemberAsync(branch, memberName);
            if (mobile is not null)
            {
                member.MobileCipher = protector.Encrypt(mobile);
                member.MobileHash = protector.LookupHash(mobile);
                member.MobileMasked = Mobile.Mask(mobile);
            }
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var code = new InvitationCode
            {
                Code = InvitationCodes.NewCode(), OrganizationId = branch.Id, MaxUses = 10, CreatedAt = now, ExpiresAt = now.AddDays(7),
            };
            db.Add(code);
            await db.SaveChangesAsync();
            return (branch, member, code.Code);
        });
    }
}
