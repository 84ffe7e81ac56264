using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SpaceFactory.Web.Tests;

/// <summary>
/// A real browser (Debian's Chromium, driven by Playwright; no browser download) against the web app and the Sandbox:
/// sign in, launch a model-card run, watch it reach its outcome, open its report; a second user cannot see the run.
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

    private async Task<IPage> SignInAsync(string user)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
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

    [GeneratedRegex("/spaces/alice/tiny-gpt2-web$", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SpaceUrl();

    [GeneratedRegex("/runs/[^/?]+$", RegexOptions.None, matchTimeoutMilliseconds: 2000)]
    private static partial Regex RunUrl();
}
