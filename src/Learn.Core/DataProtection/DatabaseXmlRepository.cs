using System.Xml.Linq;
using Learn.Core.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.DataProtection;

/// <summary>
/// Stores Data Protection keys in the <c>data_protection_keys</c> table (what
/// Microsoft.AspNetCore.DataProtection.EntityFrameworkCore would do; that package is not available here).
/// The key manager is a singleton, so each call takes its own context from the pooled factory.
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<LearnDbContext> contexts, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        // The key manager's interface is synchronous; it caches the ring and calls this rarely.
        using var db = contexts.CreateDbContext();
        return db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(xml => XElement.Parse(xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var db = contexts.CreateDbContext();
        db.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        db.SaveChanges();
    }
}
