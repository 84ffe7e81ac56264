using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>GitHub-style paging: a page of <see cref="HfSandboxOptions.PageSize"/> items and <c>Link: &lt;next&gt;; rel="next"</c>.</summary>
internal static class Paging
{
    /// <summary>The page the request's <c>page</c> asks for; <paramref name="pageSize"/> overrides the configured size.</summary>
    public static IEnumerable<T> Page<T>(HttpContext context, SandboxServices services, IReadOnlyList<T> items, int? pageSize = null)
    {
        var size = Math.Max(1, pageSize ?? services.Options.PageSize);
        var page = int.TryParse(context.Request.Query["page"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 0;
        if ((page + 1) * size < items.Count)
        {
            var query = new QueryBuilder();
            foreach (var (key, values) in context.Request.Query)
            {
                if (key is not "page")
                {
                    foreach (var value in values)
                    {
                        query.Add(key, value ?? "");
                    }
                }
            }

            query.Add("page", (page + 1).ToString(CultureInfo.InvariantCulture));
            context.Response.Headers.Link = "<" + services.Url(context.Request.Path + query.ToQueryString().Value) + ">; rel=\"next\"";
        }

        context.Response.Headers["X-Total-Count"] = items.Count.ToString(CultureInfo.InvariantCulture);
        return items.Skip(page * size).Take(size);
    }
}
