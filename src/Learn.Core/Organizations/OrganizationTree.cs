using Learn.Core.Auditing;
using Learn.Core.Data;
using Learn.Core.Organizers;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Organizations;

public sealed record OrganizationInput(long? ParentId, string Name, OrganizationKind Kind, int SortOrder = 0,
    DateOnly? TermStart = null, DateOnly? TermEnd = null);

public sealed record OrganizationView(long Id, long? ParentId, string Name, OrganizationKind Kind, string KindName,
    string Path, int SortOrder, DateOnly? TermStart, DateOnly? TermEnd)
{
    public static OrganizationView Of(Organization o) =>
        new(o.Id, o.ParentId, o.Name, o.Kind, o.Kind.ToChinese(), o.Path, o.SortOrder, o.TermStart, o.TermEnd);
}

/// <summary>
/// The Party organisation tree: create, rename, move a branch (with its whole subtree), term
/// dates, and 换届 reminders. Every method checks the organiser's scope and audits changes.
/// </summary>
public sealed class OrganizationTree(LearnDbContext db, Auditor auditor, TimeProvider clock)
{
    public async Task<IReadOnlyList<OrganizationView>> ListAsync(OrganizerScope scope, CancellationToken ct = default) =>
        (await scope.Filter(db.Organizations.AsNoTracking()).OrderBy(o => o.Path).ThenBy(o => o.SortOrder).ToListAsync(ct))
        .Select(OrganizationView.Of).ToList();

    public async Task<Outcome<OrganizationView>> GetAsync(OrganizerScope scope, long id, CancellationToken ct = default)
    {
        var org = await FindAsync(scope, id, ct);
        return org is null ? Refusal.NotFound() : OrganizationView.Of(org);
    }

    public async Task<Outcome<OrganizationView>> CreateAsync(OrganizerScope scope, OrganizationInput input, CancellationToken ct = default)
    {
        if (Validate(input) is { } invalid) return invalid;
        Organization? parent = null;
        if (input.ParentId is { } parentId)
        {
            parent = await FindAsync(scope, parentId, ct);
            if (parent is null) return Refusal.NotFound("上级组织不存在");
            if (input.Kind <= parent.Kind) return Refusal.Invalid("kind", $"{parent.Kind.ToChinese()}下不能设立{input.Kind.ToChinese()}");
        }
        else if (!scope.IsSuperAdmin) return Refusal.Invalid("parentId", "请选择上级组织");
        if (!scope.CanManageTree) return Refusal.Forbidden("支部书记不能调整组织架构");

        var org = new Organization
        {
            ParentId = parent?.Id, Name = input.Name.Trim(), Kind = input.Kind, SortOrder = input.SortOrder,
            TermStart = input.TermStart, TermEnd = input.TermEnd, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct); // the id is part of the path
        org.Path = (parent?.Path ?? "/") + org.Id + "/";
        auditor.Record(scope.Actor(), "organization.create", nameof(Organization), org.Id, after: OrganizationView.Of(org), organizationPath: org.Path);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrganizationView.Of(org);
    }

    public async Task<Outcome<OrganizationView>> RenameAsync(OrganizerScope scope, long id, string name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100) return Refusal.Invalid("name", "组织名称不能为空，且不超过100字");
        var org = await FindAsync(scope, id, ct);
        if (org is null) return Refusal.NotFound();
        if (!scope.CanManageTree) return Refusal.Forbidden("支部书记不能调整组织架构");
        var before = OrganizationView.Of(org);
        org.Name = name.Trim();
        auditor.Record(scope.Actor(), "organization.rename", nameof(Organization), org.Id, before, OrganizationView.Of(org), org.Path);
        await db.SaveChangesAsync(ct);
        return OrganizationView.Of(org);
    }

    public async Task<Outcome<OrganizationView>> SetTermAsync(OrganizerScope scope, long id, DateOnly? start, DateOnly? end, CancellationToken ct = default)
    {
        if (start is not null && end is not null && end <= start) return Refusal.Invalid("termEnd", "届期结束日期应晚于开始日期");
        var org = await FindAsync(scope, id, ct);
        if (org is null) return Refusal.NotFound();
        if (!scope.CanManageTree) return Refusal.Forbidden("支部书记不能调整组织架构");
        var before = OrganizationView.Of(org);
        org.TermStart = start;
        org.TermEnd = end;
        auditor.Record(scope.Actor(), "organization.term", nameof(Organization), org.Id, before, OrganizationView.Of(org), org.Path);
        await db.SaveChangesAsync(ct);
        return OrganizationView.Of(org);
    }

    /// <summary>Organisations in scope whose term ends today or within <paramref name="days"/> days (Asia/Shanghai).</summary>
    public async Task<IReadOnlyList<OrganizationView>> TermsEndingWithinAsync(OrganizerScope scope, int days, CancellationToken ct = default)
    {
        var today = Shanghai.Today(clock);
        var last = today.AddDays(days);
        return (await scope.Filter(db.Organizations.AsNoTracking())
                .Where(o => o.TermEnd != null && o.TermEnd >= today && o.TermEnd <= last)
                .OrderBy(o => o.TermEnd).ThenBy(o => o.Path).ToListAsync(ct))
            .Select(OrganizationView.Of).ToList();
    }

    /// <summary>Organisations in scope whose term has ended and was not renewed (超期未换届), longest overdue first.</summary>
    public async Task<IReadOnlyList<OrganizationView>> TermsOverdueAsync(OrganizerScope scope, CancellationToken ct = default)
    {
        var today = Shanghai.Today(clock);
        return (await scope.Filter(db.Organizations.AsNoTracking())
                .Where(o => o.TermEnd != null && o.TermEnd < today)
                .OrderBy(o => o.TermEnd).ThenBy(o => o.Path).ToListAsync(ct))
            .Select(OrganizationView.Of).ToList();
    }

    private Task<Organization?> FindAsync(OrganizerScope scope, long id, CancellationToken ct) =>
        scope.Filter(db.Organizations).SingleOrDefaultAsync(o => o.Id == id, ct);

    private static Refusal? Validate(OrganizationInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100) return Refusal.Invalid("name", "组织名称不能为空，且不超过100字");
        if (!Enum.IsDefined(input.Kind)) return Refusal.Invalid("kind", "组织类型不正确");
        if (input.TermStart is not null && input.TermEnd is not null && input.TermEnd <= input.TermStart)
            return Refusal.Invalid("termEnd", "届期结束日期应晚于开始日期");
        return null;
    }
}
