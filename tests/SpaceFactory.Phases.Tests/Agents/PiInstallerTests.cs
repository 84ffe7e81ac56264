using System.Text.Json;
using SpaceFactory.Phases.Agents;

namespace SpaceFactory.Phases.Tests.Agents;

/// <summary>The install contract with a stand-in npm: <c>npm ci</c> from the shipped lock, scripts off, no secrets in its environment.</summary>
[TestFixture]
[Platform(Exclude = "Win")]
[NonParallelizable] // sets a process environment variable
public class PiInstallerTests
{
    [Test]
    public async Task Pi_is_installed_with_npm_ci_from_the_shipped_lock_without_scripts_or_secrets()
    {
        var root = Path.Combine(Path.GetTempPath(), "sf-pi-install-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var npm = Path.Combine(root, "fake-npm.sh");
        // Records how it was called, then lays out what npm ci would.
        await File.WriteAllTextAsync(npm, """
            #!/bin/bash
            printf '%s\n' "$@" > "$PWD/npm-argv.txt"
            env > "$PWD/npm-env.txt"
            mkdir -p node_modules/.bin node_modules/@mariozechner/pi-coding-agent
            printf '#!/bin/sh\n' > node_modules/.bin/pi && chmod +x node_modules/.bin/pi
            echo '{"version":"0.73.1"}' > node_modules/@mariozechner/pi-coding-agent/package.json
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(npm, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Environment.SetEnvironmentVariable("SPACEFACTORY_TEST_SECRET", "do-not-pass-me");
        try
        {
            var executable = await new PiInstaller(new PiAgentOptions { InstallRoot = root, Npm = npm }).EnsureAsync(CancellationToken.None);

            var folder = Path.Combine(root, "0.73.1");
            Assert.That(executable, Is.EqualTo(Path.Combine(folder, "node_modules", ".bin", "pi")));
            var argv = await File.ReadAllLinesAsync(Path.Combine(folder, "npm-argv.txt"));
            Assert.That(argv, Is.EqualTo(new[] { "ci", "--prefix", folder, "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error" }));
            var env = await File.ReadAllTextAsync(Path.Combine(folder, "npm-env.txt"));
            Assert.That(env, Does.Not.Contain("do-not-pass-me").And.Not.Contain("HF_TOKEN"));
            using var lockFile = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "package-lock.json")));
            var packages = lockFile.RootElement.GetProperty("packages");
            Assert.That(packages.GetProperty("").GetProperty("dependencies").GetProperty("@mariozechner/pi-coding-agent").GetString(), Is.EqualTo("0.73.1"), "pinned exactly, not a range");
            Assert.That(packages.EnumerateObject().Where(p => p.Name.Length > 0).All(p => p.Value.TryGetProperty("integrity", out _)), Is.True, "every package has its integrity hash");
        }
        finally
        {
            Environment.SetEnvironmentVariable("SPACEFACTORY_TEST_SECRET", null);
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void A_version_the_lock_does_not_pin_is_refused_instead_of_floating()
    {
        var root = Path.Combine(Path.GetTempPath(), "sf-pi-install-" + Guid.NewGuid().ToString("N"));
        try
        {
            var ex = Assert.ThrowsAsync<PiAgentUnavailableException>(() => new PiInstaller(new PiAgentOptions { InstallRoot = root, Version = "0.99.0", Npm = "/nonexistent/npm" }).EnsureAsync(CancellationToken.None));
            Assert.That(ex!.Message, Does.Contain("lock file for @mariozechner/pi-coding-agent@0.73.1 only"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Test]
    public void The_default_version_is_the_one_the_lock_pins() =>
        Assert.That(new PiAgentOptions().Version, Is.EqualTo(PiLock.Version));
}
