using Learn.Core.Organizations;
using Learn.Core.Organizers;

namespace Learn.Core.Demo;

// The shapes of organizations.json and names.json (see Demo/data/).

internal sealed record DemoTreeFile(DemoOrgNode Root, List<DemoOrganizerSpec> Organizers);

/// <summary>One organisation; <see cref="Members"/> are generated directly in it, <see cref="Retired"/> ones joined long ago.</summary>
internal sealed record DemoOrgNode(string Name, OrganizationKind Kind, string? Key, DemoTerm? Term, int Members, bool Retired,
    List<DemoOrgNode>? Children);

/// <summary>A term of <see cref="Years"/> ending <see cref="EndsInDays"/> after the seed day.</summary>
internal sealed record DemoTerm(int Years, int EndsInDays);

/// <summary>An organiser sign-in; <see cref="LinkSecretary"/> ties it to its branch's 支部书记.</summary>
internal sealed record DemoOrganizerSpec(string UserName, string? DisplayName, OrganizerRole Role, string? Organization,
    string Password, bool LinkSecretary);

internal sealed record DemoNamesFile(List<string> Surnames, DemoGivenNames Given, List<string> MobilePrefixes);

internal sealed record DemoGivenNames(DemoGenerations Male, DemoGenerations Female);

internal sealed record DemoGenerations(List<string> Older, List<string> Middle, List<string> Younger);
