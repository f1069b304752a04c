using Microsoft.AspNetCore.Http.Extensions;

namespace Learn.Admin.Hosting;

/// <summary>Paging links that keep the page's other query parameters (filters, sort).</summary>
public sealed class Pager(HttpRequest request, int page, int pageSize, int total, string parameter = "p")
{
    public int Page { get; } = page;
    public int Total { get; } = total;
    public int PageCount { get; } = Math.Max(1, (total + pageSize - 1) / pageSize);

    public string Url(int target)
    {
        var query = request.Query.Where(q => q.Key != parameter && q.Key != "handler")
            .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
            .Append(new KeyValuePair<string, string?>(parameter, target.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return request.Path + QueryString.Create(query);
    }
}
