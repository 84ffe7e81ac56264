using System.Text.RegularExpressions;

namespace SpaceFactory.Sandbox.Tests;

/// <summary>
/// The route index of docs/sandbox.md ("Inside the Sandbox") names every route the Sandbox maps, and nothing else,
/// each with a source file that exists: the Hub app's routes and a simulated Space app's.
/// </summary>
[TestFixture]
public sealed partial class RouteTableTests
{
    private static readonly string[] MethodOrder = ["GET", "HEAD", "POST", "PUT", "DELETE"];

    [Test]
    public async Task The_documented_route_index_is_exactly_what_the_hub_app_and_a_space_app_map()
    {
        await using var sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { SeedModels = false, BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false });
        using var client = new SandboxTestClient(sandbox, sandbox.DefaultToken);
        await client.CreateRepoAsync("routes");
        var doc = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "docs", "sandbox.md"));

        var hub = Documented(doc, "hub");
        var app = Documented(doc, "space-app");
        var hubMapped = Collapse(sandbox.MappedRoutes(), HubKinds);
        var appMapped = Collapse(sandbox.MappedAppRoutes("sandbox-user/routes"), AppPrefix);

        Assert.Multiple(() =>
        {
            Assert.That(hub.Keys, Is.EquivalentTo(hubMapped), "docs/sandbox.md <!-- route-index:hub --> vs the Hub app's endpoints");
            Assert.That(app.Keys, Is.EquivalentTo(appMapped), "docs/sandbox.md <!-- route-index:space-app --> vs a Space app server's endpoints");
            foreach (var (route, files) in hub.Concat(app))
            {
                foreach (var file in files)
                {
                    Assert.That(File.Exists(Path.Combine(RepoRoot(), "src", "SpaceFactory.Sandbox", file)), Is.True, $"{route}: src/SpaceFactory.Sandbox/{file} exists");
                }
            }
        });
    }

    /// <summary>The rows between <c>&lt;!-- route-index:{name} --&gt;</c> and the next <c>&lt;!-- /route-index --&gt;</c>: route → files.</summary>
    private static Dictionary<string, string[]> Documented(string doc, string name)
    {
        var start = doc.IndexOf($"<!-- route-index:{name} -->", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"docs/sandbox.md has a route-index:{name} table");
        var end = doc.IndexOf("<!-- /route-index -->", start, StringComparison.Ordinal);
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in doc[start..end].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            var route = cells[1].Trim('`');
            Assert.That(rows.TryAdd(route, [.. Code().Matches(cells[2]).Select(m => m.Groups["code"].Value)]), Is.True, $"{route} is listed once");
        }

        return rows;
    }

    /// <summary>One row per pattern (methods joined by <c>, </c>), after <paramref name="fold"/> merged the per-kind or per-prefix copies.</summary>
    private static List<string> Collapse(IReadOnlyList<string> routes, Func<IReadOnlyList<string>, IEnumerable<(string Method, string Pattern)>> fold) =>
    [
        .. fold(routes)
            .GroupBy(r => r.Pattern, StringComparer.Ordinal)
            .Select(g => string.Join(", ", g.Select(r => r.Method).Distinct().OrderBy(m => Array.IndexOf(MethodOrder, m))) + " " + g.Key),
    ];

    /// <summary>A route mapped for models, datasets and Spaces alike is one row with <c>{type}s</c> (API) or <c>{prefix}</c> (files).</summary>
    private static IEnumerable<(string, string)> HubKinds(IReadOnlyList<string> routes)
    {
        var set = routes.ToHashSet(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var (method, pattern) = Split(route);
            var api = ApiKind().Match(pattern);
            if (api.Success && new[] { "models", "datasets", "spaces" }.All(k => set.Contains($"{method} /api/{k}/{api.Groups["rest"].Value}")))
            {
                yield return (method, "/api/{type}s/" + api.Groups["rest"].Value);
                continue;
            }

            var files = FileKind().Match(pattern);
            if (files.Success && new[] { "", "datasets/", "spaces/" }.All(k => set.Contains($"{method} /{k}{{ns}}/{{name}}{files.Groups["rest"].Value}")))
            {
                yield return (method, "/{prefix}{ns}/{name}" + files.Groups["rest"].Value);
                continue;
            }

            yield return (method, pattern);
        }
    }

    /// <summary>A Gradio route mapped under <c>/gradio_api</c> (5.x and later) and unprefixed (4.x) is one row with <c>{P}</c>.</summary>
    private static IEnumerable<(string, string)> AppPrefix(IReadOnlyList<string> routes)
    {
        var set = routes.ToHashSet(StringComparer.Ordinal);
        foreach (var route in routes)
        {
            var (method, pattern) = Split(route);
            var bare = pattern.StartsWith("/gradio_api/", StringComparison.Ordinal) ? pattern["/gradio_api".Length..] : pattern;
            yield return set.Contains($"{method} /gradio_api{bare}") && set.Contains($"{method} {bare}") ? (method, "{P}" + bare) : (method, pattern);
        }
    }

    private static (string Method, string Pattern) Split(string route) => (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpaceFactory.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SpaceFactory.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^/api/(?:models|datasets|spaces)/(?<rest>\{ns\}/\{name\}.*)$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ApiKind();

    [GeneratedRegex(@"^/(?:datasets/|spaces/)?\{ns\}/\{name\}(?<rest>.*)$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex FileKind();

    [GeneratedRegex("`(?<code>[^`]+)`", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Code();
}
