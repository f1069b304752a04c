using Learn.Core.Auditing;
using Learn.Core.Identity;
using Learn.Core.Members;
using Learn.Core.Organizations;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Data;

/// <summary>
/// The one DbContext. Entity configurations live beside their entities and are picked up from
/// this assembly, so a feature adds its entity and configuration without touching this file;
/// use <c>db.Set&lt;T&gt;()</c> for entities without a property here.
/// </summary>
public class LearnDbContext(DbContextOptions<LearnDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<WeChatIdentity> WeChatIdentities => Set<WeChatIdentity>();
    public DbSet<OrganizerAccount> OrganizerAccounts => Set<OrganizerAccount>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LearnDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC. SQLite hands DateTime back as Unspecified; this makes it Utc again.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
