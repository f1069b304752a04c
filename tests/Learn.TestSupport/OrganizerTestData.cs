using Learn.Core.Data;
using Learn.Core.Organizations;
using Learn.Core.Organizers;

namespace Learn.TestSupport;

/// <summary>Organiser accounts arranged the way <see cref="OrganizerAccounts"/> would hold them.</summary>
public static class OrganizerTestData
{
    public const string Password = "correct-horse-battery";

    public static Task<OrganizerAccount> AddOrganizerAsync(this LearnDbContext db, string userName, OrganizerRole role,
        Organization? org, string password = Password) =>
        db.AddOrganizerAsync(userName, "管理员" + userName, role, org, password);

    public static async Task<OrganizerAccount> AddOrganizerAsync(this LearnDbContext db, string userName, string displayName,
        OrganizerRole role, Organization? org, string password = Password)
    {
        var account = new OrganizerAccount
        {
            UserName = userName, DisplayName = displayName, Role = role, OrganizationId = org?.Id, CreatedAt = DateTime.UtcNow,
        };
        account.PasswordHash = OrganizerSignIn.HashPassword(account, password);
        db.OrganizerAccounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }
}
