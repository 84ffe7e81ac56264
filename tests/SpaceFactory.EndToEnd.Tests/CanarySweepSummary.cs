using System.Globalization;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>After every end-to-end test: the figures of the secret-canary sweep (each fixture already failed on a hit).</summary>
[SetUpFixture]
public class CanarySweepSummary
{
    [OneTimeTearDown]
    public async Task Report()
    {
        await TestContext.Progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"CANARY {{\"files_and_outputs_swept\":{SecretCanary.FilesSwept},\"bytes_swept\":{SecretCanary.BytesSwept},\"hits\":{SecretCanary.Hits}}}"));
        Assert.That(SecretCanary.Hits, Is.Zero, "the secret canary was found in files the suite wrote");
    }
}
