using System.Linq.Expressions;

namespace Learn.Core.Organizations;

/// <summary>
/// The one home of the subtree rule: a path is inside a subtree when it starts with the subtree's root path
/// (<see cref="Organization.Path"/>, e.g. <c>/1/4/</c>). Every organiser query, scope check, audience check and
/// tree rewrite goes through here; <c>ScopeRuleOwnershipTests</c> fails when code elsewhere matches paths by hand
/// (docs/decisions/0801-scopes-follow-the-tree.md).
/// </summary>
public static class Subtree
{
    /// <summary>The whole tree.</summary>
    public const string Everything = "/";

    /// <summary>A root no path starts with: the scope of an organiser account without an organisation.</summary>
    public const string Nothing = "\u0000";

    public static bool Contains(string root, string? path) => path is not null && path.StartsWith(root, StringComparison.Ordinal);

    /// <summary>Rows whose copied or joined path lies under <paramref name="root"/> (one indexed LIKE 'root%').</summary>
    public static IQueryable<T> Within<T>(this IQueryable<T> source, Expression<Func<T, string?>> path, string root) =>
        source.Where(Predicate(path, root));

    /// <summary>The rule as an expression over <paramref name="path"/>, for queries that combine it with other conditions.</summary>
    public static Expression<Func<T, bool>> Predicate<T>(Expression<Func<T, string?>> path, string root)
    {
        // A captured value, not a constant, so the database sees a parameter and reuses one plan for every root.
        var value = Expression.Property(Expression.Constant(new Root(root)), nameof(Root.Value));
        var body = Expression.AndAlso(
            Expression.NotEqual(path.Body, Expression.Constant(null, typeof(string))),
            Expression.Call(path.Body, StartsWith, value));
        return Expression.Lambda<Func<T, bool>>(body, path.Parameters);
    }

    /// <summary>Rows under any of <paramref name="roots"/> (none when there are none).</summary>
    public static IQueryable<T> WithinAny<T>(this IQueryable<T> source, Expression<Func<T, string?>> path, IEnumerable<string> roots)
    {
        Expression body = Expression.Constant(false);
        foreach (var root in roots) body = Expression.OrElse(body, Predicate(path, root).Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(body, path.Parameters));
    }

    /// <summary>The path <paramref name="path"/> would have after its subtree moved from <paramref name="oldRoot"/> to <paramref name="newRoot"/>.</summary>
    public static string Rebase(string path, string oldRoot, string newRoot) =>
        Contains(oldRoot, path) ? newRoot + path[oldRoot.Length..] : path;

    private static readonly System.Reflection.MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    private sealed record Root(string Value);
}
