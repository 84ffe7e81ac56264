using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SpaceFactory.Sandbox;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Tests;

/// <summary>
/// A real browser (Debian's Chromium, driven by Playwright; no browser download) against the web app and the Sandbox:
/// sign in, launch a model-card run, watch it reach its outcome, open its report; a second user cannot see the run;
/// cancel a run (its Job is cancelled), resume it to its outcome and see its image artifact; read on a phone.
/// Screenshots of the main pages are attached to the test.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private WebHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _shots = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (!File.Exists(Chromium))
        {
            const string Message = Chromium + " is missing: install it with .ci/setup.d/chromium.sh (apt-get install chromium).";
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail(Message); // CI must never skip the browser test silently
            }

            Assert.Ignore(Message);
        }

        var work = Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser");
        _shots = Path.Combine(work, "screenshots");
        Directory.CreateDirectory(_shots);
        // Keeps Chromium's config and cache folders out of HOME.
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path.Combine(work, "xdg", "config"));
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", Path.Combine(work, "xdg", "cache"));
        _host = await WebHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
            Timeout = 60_000,
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task ShotAsync(IPage page, string name)
    {
        var path = Path.Combine(_shots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    private async Task<IPage> SignInAsync(string user, int width = 1200, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_host.BaseUrl.ToString());
        await page.ClickAsync("#sign-in");
        await page.ClickAsync($"a.sandbox-user:text-is('Sign in as {user}')"); // the Sandbox's consent page
        await Assertions.Expect(page.Locator("#signed-in-user")).ToHaveTextAsync(user);
        return page;
    }

    [Test]
    public async Task A_person_signs_in_launches_a_model_card_run_follows_it_to_its_outcome_and_reads_the_report()
    {
        var clock = Stopwatch.StartNew();
        var alice = await SignInAsync("alice");
        await Assertions.Expect(alice.Locator("#granted-scopes")).ToContainTextAsync("jobs");
        await ShotAsync(alice, "1-home-signed-in");

        await alice.ClickAsync("#new-run");
        await alice.FillAsync("#model", "sshleifer/tiny-gpt2");
        await alice.FillAsync("#space", "tiny-gpt2-web");
        await ShotAsync(alice, "2-new-run");
        await alice.ClickAsync("#launch-model-card");
        await alice.WaitForURLAsync(RunUrl());
        var runUrl = alice.Url;
        await Assertions.Expect(alice.Locator("#run-stage")).ToHaveTextAsync("succeeded", new LocatorAssertionsToHaveTextOptions { Timeout = 180_000 });
        await Assertions.Expect(alice.Locator("#run-steps")).ToContainTextAsync("validate_live_api");
        await Assertions.Expect(alice.Locator("#run-outcome")).ToContainTextAsync("/generate passed");
        await Assertions.Expect(alice.Locator("#space-link")).ToHaveAttributeAsync("href", SpaceUrl());
        await ShotAsync(alice, "3-run-succeeded");

        await Assertions.Expect(alice.Locator("#run-report table").First).ToContainTextAsync("model-card");
        var report = alice.Locator("a.run-file:text-is('report.md')");
        await alice.GotoAsync(new Uri(_host.BaseUrl, await report.GetAttributeAsync("href")).ToString());
        await Assertions.Expect(alice.Locator("body")).ToContainTextAsync("model-card");
        await Assertions.Expect(alice.Locator("body")).ToContainTextAsync("alice/tiny-gpt2-web");
        await ShotAsync(alice, "4-report");

        var bob = await SignInAsync("bob");
        var response = await bob.GotoAsync(runUrl);
        Assert.That(response!.Status, Is.EqualTo(404), "another user's run is not found");
        await bob.GotoAsync(_host.BaseUrl.ToString());
        await Assertions.Expect(bob.Locator("body")).Not.ToContainTextAsync(runUrl.Split('/')[^1]);
        await ShotAsync(bob, "5-second-user-home");

        clock.Stop();
        await TestContext.Out.WriteLineAsync($"browser test: {clock.Elapsed.TotalSeconds:F1} s (sign-in, model-card run to its outcome, report, second user)");
    }

    [Test]
    public async Task A_person_cancels_a_run_resumes_it_to_its_outcome_and_sees_its_image_on_the_run_page()
    {
        var clock = Stopwatch.StartNew();
        const string Space = "tiny-sd-web";

        // The Space's status stream hangs: the run waits in wait_for_space_running until it is cancelled.
        _host.Sandbox.AddFaultRule(new FaultRule { PathPrefix = $"/api/spaces/alice/{Space}/events", Latency = TimeSpan.FromMinutes(10) });
        var alice = await SignInAsync("alice");
        var home = await alice.Context.NewPageAsync(); // the home page stays open: its list must update by itself
        await home.GotoAsync(_host.BaseUrl.ToString());
        await alice.ClickAsync("#new-run");
        await alice.FillAsync("#model", "hf-internal-testing/tiny-stable-diffusion-pipe");
        await alice.FillAsync("#space", Space);
        await alice.ClickAsync("#launch-model-card");
        await alice.WaitForURLAsync(RunUrl());
        var runId = alice.Url.Split('/')[^1];
        await Assertions.Expect(alice.Locator("#run-stage")).ToHaveTextAsync("running: wait_for_space_running", new LocatorAssertionsToHaveTextOptions { Timeout = 180_000 });
        await Assertions.Expect(alice.Locator("#run-badge")).ToHaveTextAsync("running");
        await ShotAsync(alice, "6-run-running");
        var row = home.Locator($"#runs tbody tr[data-run='{runId}'] .run-state");
        await Assertions.Expect(row).ToHaveTextAsync("running", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });

        await alice.ClickAsync("#cancel-run");
        await Assertions.Expect(alice.Locator("#run-badge")).ToHaveTextAsync("cancelled", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        await Assertions.Expect(alice.Locator("#run-outcome")).ToContainTextAsync("Cancelled by alice from the web page; its Job was cancelled and its worker ended the record");
        var entry = _host.App.Services.GetRequiredService<RunIndex>().Find(runId, _host.Sandbox.Inspector.GetUserId("alice"))!;
        Assert.That(entry.JobId, Is.Not.Null);
        Assert.That(_host.Sandbox.Inspector.GetJobStage(entry.JobId!), Is.EqualTo("CANCELED"), "the Job was cancelled on the Hub");

        // The record itself (in alice's Bucket): the worker got SIGTERM and ended its run cancelled, exactly once.
        var record = Path.Combine(_host.Sandbox.Inspector.GetBucketFolder("alice/spacefactory-runs"), "runs", runId);
        using (var state = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(record, "state.json"))))
        {
            Assert.That(state.RootElement.GetProperty("status").GetString(), Is.EqualTo("cancelled"), "the record ends cancelled, not running");
        }

        Assert.That(EventTypes(record).Count(t => t == "run_ended"), Is.EqualTo(1), "one run_ended for the cancelled attempt");
        await ShotAsync(alice, "7-run-cancelled");

        _host.Sandbox.ClearFaultRules();
        var jobs = _host.Sandbox.Inspector.JobCount;
        await alice.ClickAsync("#resume-run");
        await Assertions.Expect(alice.Locator("#run-badge")).ToHaveTextAsync("succeeded", new LocatorAssertionsToHaveTextOptions { Timeout = 180_000 });
        Assert.That(_host.Sandbox.Inspector.JobCount, Is.EqualTo(jobs + 1), "Resume started one new Job");
        await Assertions.Expect(alice.Locator("#simulated-badge")).ToBeVisibleAsync();
        await Assertions.Expect(alice.Locator("#run-events")).ToContainTextAsync("run_resumed");
        Assert.That(EventTypes(record), Is.SupersetOf(new[] { "run_resumed" }));
        Assert.That(EventTypes(record).Count(t => t == "run_ended"), Is.EqualTo(2), "the cancelled attempt and the resumed one each end once");

        var image = alice.Locator("#run-artifacts img.artifact-image[alt='artifacts/output.png']");
        await Assertions.Expect(image).ToBeVisibleAsync();
        await alice.WaitForFunctionAsync("() => { const i = document.querySelector(\"img.artifact-image[alt='artifacts/output.png']\"); return i && i.complete && i.naturalWidth > 0; }");
        var width = await image.EvaluateAsync<int>("i => i.naturalWidth");
        Assert.That(width, Is.GreaterThan(0), "the PNG the Space returned was decoded by the browser");
        await Assertions.Expect(alice.Locator("#run-report")).ToContainTextAsync("simulated");
        await ShotAsync(alice, "8-run-resumed-with-image");
        await Assertions.Expect(row).ToHaveTextAsync("succeeded simulated", new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        Assert.That(home.Url, Is.EqualTo(_host.BaseUrl.ToString()), "the home page was never reloaded");
        await ShotAsync(home, "8b-home-list-updated");

        // The Space's monitor history, as a scheduled check would have left it: the failure links to this run.
        var history = Directory.CreateDirectory(Path.Combine(_host.Sandbox.Inspector.GetBucketFolder("alice/spacefactory-runs"), "monitors", "alice", Space)).FullName;
        await File.WriteAllLinesAsync(Path.Combine(history, "history.jsonl"),
        [
            $$"""{"time":"2026-12-01T00:00:00+00:00","run_id":"{{runId}}","space":"alice/{{Space}}","outcome":"simulated_inference_success","passed":true,"cold_ms":900,"p50_ms":120,"p95_ms":180,"output_type":"image","calls":5}""",
            $$"""{"time":"2026-12-01T06:00:00+00:00","run_id":"{{runId}}","space":"alice/{{Space}}","outcome":"runtime_error","passed":false,"calls":0,"reason":"the Space ended in RUNTIME_ERROR"}""",
            $$"""{"time":"2026-12-01T12:00:00+00:00","run_id":"{{runId}}","space":"alice/{{Space}}","outcome":"simulated_inference_success","passed":true,"cold_ms":700,"p50_ms":100,"p95_ms":400,"output_type":"image","calls":5}""",
        ]);
        await alice.ClickAsync("#monitor-link");
        await Assertions.Expect(alice.Locator("#latency-chart polyline.p95")).ToHaveCountAsync(1);
        await Assertions.Expect(alice.Locator("#latency-chart a.chart-failure")).ToHaveCountAsync(1);
        await ShotAsync(alice, "8c-monitor-history");
        await alice.Locator("#latency-chart a.chart-failure circle").ClickAsync();
        await alice.WaitForURLAsync(RunUrl());
        Assert.That(alice.Url, Does.EndWith("/runs/" + runId), "the failure's dot opens its run");

        // The same page on a phone: one column, nothing wider than the screen.
        var phone = await SignInAsync("alice", width: 390, height: 844);
        await phone.GotoAsync(new Uri(_host.BaseUrl, "/runs/" + runId).ToString());
        await Assertions.Expect(phone.Locator("#run-badge")).ToHaveTextAsync("succeeded");
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var wide = await phone.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-3).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40)).join(' | ')");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "no horizontal scrolling on a phone; too wide: " + wide);
        var columns = await phone.Locator(".grid").First.EvaluateAsync<string>("g => getComputedStyle(g).gridTemplateColumns");
        Assert.That(columns.Split(' ', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), "one column under 700px");
        await ShotAsync(phone, "9-phone-run");
        await phone.GotoAsync(new Uri(_host.BaseUrl, "/runs/new").ToString());
        await ShotAsync(phone, "10-phone-new-run");

        clock.Stop();
        await TestContext.Out.WriteLineAsync($"browser cancel/resume test: {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static List<string> EventTypes(string record) =>
        [.. File.ReadAllLines(Path.Combine(record, "events.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()!)];

    [GeneratedRegex("/spaces/alice/tiny-gpt2-web$", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SpaceUrl();

    [GeneratedRegex("/runs/[^/?]+$", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex RunUrl();
}
