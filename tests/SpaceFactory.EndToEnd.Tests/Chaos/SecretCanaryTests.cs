using System.Text;

namespace SpaceFactory.EndToEnd.Tests.Chaos;

/// <summary>The sweep itself can fail: it finds the canary wherever a file holds it.</summary>
[TestFixture]
[Category("chaos")]
public class SecretCanaryTests
{
    [Test]
    public void The_sweep_finds_a_planted_canary_in_a_nested_file_and_nothing_in_clean_files()
    {
        var root = CliProcess.TempFolder("sf-canary-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "runs", "r1", "logs"));
            File.WriteAllText(Path.Combine(root, "runs", "r1", "events.jsonl"), "{\"message\":\"token [REDACTED]\"}\n");
            File.WriteAllText(Path.Combine(root, "runs", "r1", "logs", "worker.log"), "Authorization: Bearer " + SecretCanary.Token + "\n");

            var (leaks, files, _) = SecretCanary.Find(root);

            Assert.That(leaks, Is.EqualTo(new[] { Path.Combine("runs", "r1", "logs", "worker.log") }));
            Assert.That(files, Is.EqualTo(2));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("hex")]
    [TestCase("HEX")]
    [TestCase("base64")]
    [TestCase("base64-shifted")]
    [TestCase("base64url")]
    public void The_sweep_finds_the_canary_in_its_encoded_forms(string form)
    {
        var bytes = Encoding.UTF8.GetBytes(SecretCanary.Token);
        var printed = form switch
        {
            "hex" => Convert.ToHexStringLower(bytes),
            "HEX" => Convert.ToHexString(bytes),
            "base64" => Convert.ToBase64String(bytes),
            "base64-shifted" => Convert.ToBase64String([.. "x"u8, .. bytes]),
            _ => Convert.ToBase64String([.. "yz"u8, .. bytes]).Replace('+', '-').Replace('/', '_').TrimEnd('='),
        };
        var root = CliProcess.TempFolder("sf-canary-");
        try
        {
            File.WriteAllText(Path.Combine(root, "trace.jsonl"), "{\"text\":\"" + printed + "\"}\n");

            Assert.That(SecretCanary.Find(root).Leaks, Is.EqualTo(new[] { "trace.jsonl" }));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
