using Learn.Core.Data;
using Learn.Core.Organizers;
using Learn.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Learn.Core.Members.Roster;

/// <summary>
/// A good row and the member on the roster it updates (null: a new member); <paramref name="NewMobile"/> when the row's
/// clear number is not the one stored, <paramref name="HoldMobile"/> when that number is held outside the scope.
/// </summary>
internal sealed record RosterRowMatch(RosterRow Row, Member? Existing, bool NewMobile, bool HoldMobile)
{
    /// <summary>Decided when matched: the import then writes the row into <see cref="Existing"/>.</summary>
    public bool Changed { get; } = Existing is not { } e || NewMobile || MemberFields.EditableDiffer(e, Row.Member);
}

/// <summary>
/// Finds the member each row names, only ever inside the organiser's scope (docs/decisions/0104): by 党员编号, else by
/// the mobile's lookup hash, else it is a new member. A row that names nobody but looks like someone already there
/// (same name in the same organisation, and no mobile to tell them apart) is refused rather than imported twice.
/// Lookups are three queries for the whole file, never one per row.
/// </summary>
internal sealed class RosterMatcher(LearnDbContext db, PersonalDataProtector protector)
{
    public async Task<List<RosterRowMatch>> MatchAsync(OrganizerScope scope, List<RosterRow> rows, List<RosterRowError> errors, CancellationToken ct)
    {
        var hashes = rows.ToDictionary(r => r.Row, r => r.Mobile is null ? null : protector.LookupHash(r.Mobile));
        var fileErrors = errors.Count;
        Duplicates(rows, r => hashes[r.Row], RosterFormat.Mobile, "与第{0}行的手机号重复", errors);
        Duplicates(rows, r => r.MemberNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture), RosterFormat.MemberNumber, "与第{0}行的党员编号重复", errors);
        Duplicates(rows, r => r.Mobile is null && r.MaskedMobile is null && r.MemberNumber is null ? $"{r.Member.OrganizationId}/{r.Member.Name}" : null,
            RosterFormat.Name, "与第{0}行是同一组织的同名党员且都没有手机号，无法区分", errors);
        if (errors.Count > fileErrors) return [];

        var wanted = hashes.Values.OfType<string>().ToList();
        var numbers = rows.Select(r => r.MemberNumber).OfType<long>().ToList();
        var names = rows.Where(r => r.MemberNumber is null).Select(r => r.Member.Name).Distinct().ToList();
        var known = await scope.Filter(db.Members.Include(m => m.Organization))
            .Where(m => numbers.Contains(m.Id) || (m.MobileHash != null && wanted.Contains(m.MobileHash)) || names.Contains(m.Name))
            .ToListAsync(ct);
        var byId = known.ToDictionary(m => m.Id);
        // Hashes are unique in practice (a clash is held off the index), but a bad row must never turn into a 500.
        var byHash = known.Where(m => m.MobileHash is not null).GroupBy(m => m.MobileHash!).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Id).First());
        var byNameAndOrg = known.ToLookup(m => (m.Name, m.OrganizationId));
        var (_, elsewhere) = await MobileDuplicates.FindAsync(db, scope, wanted, 0, ct);

        var matches = new List<RosterRowMatch>(rows.Count);
        var claimed = new Dictionary<long, int>();
        foreach (var row in rows)
        {
            void Error(string column, string reason) => errors.Add(new RosterRowError(row.Row, column, reason));
            var hash = hashes[row.Row];
            Member? existing = null;
            if (row.MemberNumber is { } number)
            {
                if (!byId.TryGetValue(number, out existing)) { Error(RosterFormat.MemberNumber, "找不到该党员编号，或不在您的管理范围内；新党员请留空党员编号"); continue; }
            }
            else if (hash is not null)
                existing = byHash.GetValueOrDefault(hash) ?? HeldSameNumber(byNameAndOrg[(row.Member.Name, row.Member.OrganizationId)], row.Mobile!);
            else if (row.MaskedMobile is not null) { Error(RosterFormat.Mobile, "手机号带星号，无法确定是哪名党员：请保留党员编号列，或填写完整手机号"); continue; }

            if (existing is null)
            {
                // No number and no known mobile: someone of that name in that organisation with nothing to tell them apart is
                // most likely this person again (a second import of the same file), so ask instead of adding a twin.
                var twin = byNameAndOrg[(row.Member.Name, row.Member.OrganizationId)]
                    .FirstOrDefault(m => m.Status == MemberStatus.Active && (hash is null || m.MobileCipher is null));
                if (twin is not null) { Error(RosterFormat.Name, $"名册中已有同一组织的同名党员（党员编号 {twin.Id}）：如是同一人请填写党员编号以更新；如是另一人请填写其手机号"); continue; }
                matches.Add(new RosterRowMatch(row, null, hash is not null, hash is not null && elsewhere.Contains(hash)));
                continue;
            }
            if (Refuse(row, existing, hash, byHash, claimed) is { } refusal) { Error(refusal.Column, refusal.Reason); continue; }
            var newNumber = hash is not null && !SameMobile(existing, row.Mobile!, hash);
            matches.Add(new RosterRowMatch(row, existing, newNumber, newNumber && elsewhere.Contains(hash!)));
        }
        return matches;
    }

    /// <summary>Why a row may not update the member it names, or null.</summary>
    private (string Column, string Reason)? Refuse(RosterRow row, Member existing, string? hash, Dictionary<string, Member> byHash, Dictionary<long, int> claimed)
    {
        var by = row.MemberNumber is null ? RosterFormat.Mobile : RosterFormat.MemberNumber; // the cell that named the member
        if (existing.Status != MemberStatus.Active) return (by, $"该党员{existing.Status.ToChinese()}，不在册，不能通过导入修改");
        if (!claimed.TryAdd(existing.Id, row.Row)) return (by, $"与第{claimed[existing.Id]}行是同一名党员");
        if (existing.OrganizationId != row.Member.OrganizationId) return (RosterFormat.Organization, "与该党员现在的所在组织不同；调整所在组织请使用组织关系转接");
        if (hash is not null && byHash.TryGetValue(hash, out var holder) && holder.Id != existing.Id)
            return (RosterFormat.Mobile, "该手机号已登记在您管理的名册中");
        if (row.MaskedMobile is not null && row.MaskedMobile != existing.MobileMasked)
            return (RosterFormat.Mobile, "带星号的手机号与名册中登记的不一致；修改手机号请填写完整号码");
        return null;
    }

    /// <summary>A member whose number was held off the lookup index (<see cref="MobileDuplicates"/>) is still found by it here.</summary>
    private Member? HeldSameNumber(IEnumerable<Member> sameNameAndOrg, string mobile) =>
        sameNameAndOrg.FirstOrDefault(m => m.MobileHash is null && m.MobileCipher is not null && protector.Decrypt(m.MobileCipher) == mobile);

    private bool SameMobile(Member existing, string mobile, string hash) =>
        existing.MobileHash == hash || (existing.MobileCipher is not null && existing.MobileHash is null && protector.Decrypt(existing.MobileCipher) == mobile);

    private static void Duplicates(List<RosterRow> rows, Func<RosterRow, string?> key, string column, string reason, List<RosterRowError> errors)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (key(row) is not { } k) continue;
            if (first.TryGetValue(k, out var f)) errors.Add(new RosterRowError(row.Row, column, string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, f)));
            else first[k] = row.Row;
        }
    }
}
