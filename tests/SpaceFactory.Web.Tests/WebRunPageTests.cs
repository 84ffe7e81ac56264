using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Tests;

/// <summary>
/// The run page over HTTP: report.md rendered with its raw HTML escaped, media artifacts served with their type and
/// shown inline, path traversal refused, the run list as JSON, Cancel and Resume only for the owner with the
/// antiforgery token, and a Space's monitor history with each failure linked to its run.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class WebRunPageTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private WebHost _host = null!;
    private WebSession _alice = null!;
    private RunEntry _run = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await WebHost.StartAsync();
        _alice = new WebSession(_host.BaseUrl);
        await _alice.SignInAsync("alice");
        var token = await _alice.AntiforgeryTokenAsync("/runs/new");
        using var launch = await _alice.PostFormAsync("/runs/new?handler=Smoke", new Dictionary<string, string> { ["Recipe"] = "job-smoke", ["__RequestVerificationToken"] = token });
        Assert.That(launch.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await launch.Content.ReadAsStringAsync());
        _run = _host.App.Services.GetRequiredService<RunIndex>().ListFor(_host.Sandbox.Inspector.GetUserId("alice")).Single();
        await _run.Completion.WaitAsync(RunTimeout);
        Assert.That(_run.Result!.Succeeded, Is.True, _run.Result.Outcome?.Reason);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _alice?.Dispose();
        await _host.DisposeAsync();
    }

    /// <summary>alice's Bucket folder on the Sandbox's disk, where the worker wrote the record.</summary>
    private string BucketFolder => _host.Sandbox.Inspector.GetBucketFolder("alice/spacefactory-runs");

    private string RunFolder => Path.Combine(BucketFolder, "runs", _run.RunId.Value);

    private string RunPath => "/runs/" + _run.RunId.Value;

    [Test]
    public async Task The_report_is_rendered_as_html_and_raw_html_from_the_report_is_escaped_never_emitted()
    {
        await File.WriteAllTextAsync(Path.Combine(RunFolder, "report.md"), """
            # Report of a hostile model card

            | field | value |
            |---|---|
            | status | **succeeded** |

            <script>alert('report')</script>

            Inline <img src=x onerror="alert(1)"> and [a trap](javascript:alert(2)) and [root](/SignOut) and [up](../other/state.json).

            The output: [artifacts/output.png](artifacts/output.png), the Hub: https://huggingface.co/spaces/alice/demo
            """);

        using var page = await _alice.GetAsync(RunPath);
        var html = await page.Content.ReadAsStringAsync();
        var report = ReportCard().Match(html);
        Assert.That(report.Success, Is.True, "the run page has a rendered report");
        var body = report.Groups["body"].Value;
        Assert.That(body, Does.Contain("<table>").And.Contain("<strong>succeeded</strong>").And.Contain("<h1"), "Markdown became HTML");
        Assert.That(body, Does.Not.Contain("<script").And.Not.Contain("<img src=\"x\"").And.Not.Contain("<img src=x").And.Not.Contain("href=\"javascript:"));
        Assert.That(body, Does.Contain("&lt;script&gt;alert"), "the script is shown as text");
        Assert.That(body, Does.Contain($"href=\"/runs/{_run.RunId.Value}/files/artifacts/output.png\""), "relative links point at the run's files");
        Assert.That(body, Does.Contain("href=\"https://huggingface.co/spaces/alice/demo\""), "web addresses stay links");
        Assert.That(body, Does.Not.Contain("href=\"/SignOut\"").And.Not.Contain("../other"), "links that leave the run are neutralised");
        Assert.That(Regex.Count(html, "<script", RegexOptions.None, TimeSpan.FromSeconds(2)), Is.EqualTo(1), "only the page's own script tag");
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'"), "no inline script could run anyway");
    }

    [Test]
    public async Task Media_artifacts_are_served_with_their_type_and_shown_inline_other_files_as_plain_text()
    {
        var artifacts = Directory.CreateDirectory(Path.Combine(RunFolder, "artifacts")).FullName;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        await File.WriteAllBytesAsync(Path.Combine(artifacts, "probe.png"), png);
        await File.WriteAllBytesAsync(Path.Combine(artifacts, "tone.wav"), "RIFF\0\0\0\0WAVE"u8.ToArray());
        await File.WriteAllTextAsync(Path.Combine(artifacts, "drawing.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        await File.WriteAllTextAsync(Path.Combine(artifacts, "page.html"), "<script>alert(1)</script>");

        using var page = await _alice.GetAsync(RunPath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain($"<img src=\"{RunPath}/files/artifacts/probe.png\""));
        Assert.That(html, Does.Contain($"<audio controls preload=\"metadata\" src=\"{RunPath}/files/artifacts/tone.wav\""));
        Assert.That(html, Does.Not.Contain("<img src=\"" + RunPath + "/files/artifacts/drawing.svg"), "SVG is never an inline image");

        foreach (var (file, type) in new[] { ("probe.png", "image/png"), ("tone.wav", "audio/wav"), ("drawing.svg", "text/plain"), ("page.html", "text/plain") })
        {
            using var response = await _alice.GetAsync($"{RunPath}/files/artifacts/{file}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), file);
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(type), file);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo("sandbox"));
        }

        using var image = await _alice.GetAsync($"{RunPath}/files/artifacts/probe.png");
        Assert.That(await image.Content.ReadAsByteArrayAsync(), Is.EqualTo(png), "the bytes of the record");
    }

    [TestCase("..%2Fstate.json")]
    [TestCase("artifacts/..%2F..%2Fstate.json")]
    [TestCase("artifacts%2F..%2F..%2F..%2Fmonitors")]
    [TestCase("%2Fetc%2Fpasswd")]
    [TestCase("artifacts%5C..%5C..%5Cstate.json")]
    [TestCase("artifacts/%00.png")]
    public async Task A_file_path_that_could_leave_the_run_is_refused(string path)
    {
        using var control = await _alice.GetAsync($"{RunPath}/files/state.json");
        Assert.That(control.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same run's file is served");

        using var response = await _alice.SendAsync(HttpMethod.Get, $"{RunPath}/files/{path}");
        // 404 from the app (ArtifactPath), or 400 when the server refuses the URL before routing (a NUL).
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest), path);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("\"run_id\""), "no record was read");
    }

    [Test]
    public async Task The_run_list_is_served_as_json_for_the_page_script_and_only_lists_the_users_own_runs()
    {
        using var response = await _alice.GetAsync("/runs.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        var run = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runs"]!.AsArray().Single(r => r!["id"]!.GetValue<string>() == _run.RunId.Value)!;
        Assert.That(run["recipe"]!.GetValue<string>(), Is.EqualTo("job-smoke"));
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        Assert.That(run["url"]!.GetValue<string>(), Is.EqualTo(RunPath));
        Assert.That(run["simulated"]!.GetValue<bool>(), Is.False);

        using var home = await _alice.GetAsync("/");
        var html = await home.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<script src=\"/assets/runs.js\"></script>").And.Contain($"data-run=\"{_run.RunId.Value}\""));
        using var script = await _alice.GetAsync("/assets/runs.js");
        Assert.That(await script.Content.ReadAsStringAsync(), Does.Contain("fetch('/runs.json'").And.Contain("textContent").And.Not.Contain("innerHTML"));

        using var bob = new WebSession(_host.BaseUrl);
        await bob.SignInAsync("bob");
        using var theirs = await bob.GetAsync("/runs.json");
        Assert.That(await theirs.Content.ReadAsStringAsync(), Does.Not.Contain(_run.RunId.Value));
    }

    [Test]
    public async Task The_stylesheet_is_one_small_asset_of_our_own_with_two_columns_that_fold_to_one_on_a_phone()
    {
        using var css = await _alice.GetAsync("/assets/site.css");
        var text = await css.Content.ReadAsStringAsync();
        Assert.That(css.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/css"));
        Assert.That(text.Length, Is.LessThan(16_000), "small");
        Assert.That(text, Does.Contain("grid-template-columns: repeat(2").And.Contain("@media (max-width: 700px)").And.Not.Contain("@import").And.Not.Contain("url("));

        using var page = await _alice.GetAsync(RunPath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<ol class=\"timeline\" id=\"run-steps\">").And.Contain("class=\"badge succeeded\" id=\"run-badge\">succeeded<"));
        Assert.That(html, Does.Not.Contain("<table id=\"run-events\">"), "a timeline, not the raw event table");
        Assert.That(html, Does.Contain("token_checked"), "each step's events fold under it");
        Assert.That(StyleSheets().Matches(html).Select(m => m.Value), Is.EqualTo(new[] { "<link rel=\"stylesheet\" href=\"/assets/site.css\">" }));
    }

    [Test]
    public async Task Cancel_and_resume_need_the_antiforgery_token_and_the_owner_and_say_why_when_there_is_nothing_to_do()
    {
        using (var missing = await _alice.PostFormAsync($"{RunPath}?handler=Cancel", new Dictionary<string, string>()))
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "no antiforgery token");
        }

        using var bob = new WebSession(_host.BaseUrl);
        await bob.SignInAsync("bob");
        var bobs = await bob.AntiforgeryTokenAsync("/runs/new");
        foreach (var handler in new[] { "Cancel", "Resume" })
        {
            using var foreign = await bob.PostFormAsync($"{RunPath}?handler={handler}", new Dictionary<string, string> { ["__RequestVerificationToken"] = bobs });
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another user's run is not found, for " + handler);
        }

        var jobs = _host.Sandbox.Inspector.JobCount;
        var token = await _alice.AntiforgeryTokenAsync(RunPath);
        using var cancel = await _alice.PostFormAsync($"{RunPath}?handler=Cancel", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await cancel.Content.ReadAsStringAsync(), Does.Contain("id=\"run-notice\">Nothing to cancel"));
        Assert.That(_host.Sandbox.Inspector.JobCount, Is.EqualTo(jobs), "neither started a Job");

        using var page = await _alice.GetAsync(RunPath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Not.Contain("id=\"cancel-run\"").And.Not.Contain("id=\"resume-run\""), "a succeeded run offers neither");
    }

    [Test]
    public async Task A_spaces_monitor_history_is_a_latency_chart_whose_failures_link_to_their_runs()
    {
        // A scheduled check's run: a record in alice's Bucket that this app did not launch.
        var adopted = "20250101T000000Z" + _run.RunId.Value[16..];
        var adoptedFolder = Path.Combine(BucketFolder, "runs", adopted);
        Directory.CreateDirectory(adoptedFolder);
        var state = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RunFolder, "state.json")))!;
        state["run_id"] = adopted;
        state["status"] = "failed";
        await File.WriteAllTextAsync(Path.Combine(adoptedFolder, "state.json"), state.ToJsonString());

        var history = Directory.CreateDirectory(Path.Combine(BucketFolder, "monitors", "alice", "demo")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(history, "history.jsonl"),
        [
            $$"""{"time":"2026-12-01T00:00:00+00:00","run_id":"{{_run.RunId.Value}}","space":"alice/demo","outcome":"full_inference_success","passed":true,"cold_ms":900,"p50_ms":120,"p95_ms":180,"output_type":"text","calls":5}""",
            $$"""{"time":"2026-12-01T06:00:00+00:00","run_id":"{{adopted}}","space":"alice/demo","outcome":"runtime_error","passed":false,"calls":0,"reason":"the Space ended in RUNTIME_ERROR"}""",
            $$"""{"time":"2026-12-01T12:00:00+00:00","run_id":"{{_run.RunId.Value}}","space":"alice/demo","outcome":"full_inference_success","passed":true,"cold_ms":700,"p50_ms":100,"p95_ms":400,"output_type":"text","calls":5}""",
        ]);

        using var page = await _alice.GetAsync("/spaces/alice/demo/monitor");
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("<svg class=\"chart\" id=\"latency-chart\""));
        // 3 checks across the plot (x 56 to 628); 500 ms is the axis top (plot y 12 to 192).
        Assert.That(Points("p50-line").Match(html).Groups["points"].Value, Is.EqualTo("56,148.8 628,156"));
        Assert.That(Points("p95-line").Match(html).Groups["points"].Value, Is.EqualTo("56,127.2 628,48"));
        Assert.That(html, Does.Contain($"<a href=\"/runs/{adopted}\" class=\"chart-failure\">"), "the failed check's dot links to its run");
        Assert.That(html, Does.Contain($"class=\"failure-link\">{adopted}</a>").And.Contain("the Space ended in RUNTIME_ERROR").And.Contain("500 ms"));
        Assert.That(html, Does.Not.Contain("badge simulated"), "these checks ran against real inference");

        using var run = await _alice.GetAsync($"/runs/{adopted}");
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the failure's run is found in alice's Bucket");
        var runHtml = await run.Content.ReadAsStringAsync();
        Assert.That(runHtml, Does.Contain("id=\"run-badge\">failed<").And.Contain("id=\"resume-run\""), "a failed run offers Resume");

        using var bob = new WebSession(_host.BaseUrl);
        await bob.SignInAsync("bob");
        using var theirs = await bob.GetAsync("/spaces/alice/demo/monitor");
        Assert.That(await theirs.Content.ReadAsStringAsync(), Does.Contain("id=\"no-checks\""), "bob reads his own Bucket, which has no history of it");
        using var foreign = await bob.GetAsync($"/runs/{adopted}");
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static Regex Points(string id) => new($"<polyline class=\"p\\d+\" id=\"{id}\" fill=\"none\" stroke-width=\"2\" points=\"(?<points>[^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(2));

    [GeneratedRegex("<div class=\"report\" id=\"run-report\">(?<body>.*?)</div>\\s*</section>", RegexOptions.Singleline, matchTimeoutMilliseconds: 2000)]
    private static partial Regex ReportCard();

    [GeneratedRegex("<link rel=\"stylesheet\"[^>]*>", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex StyleSheets();
}
