using System.Text;
using SpaceFactory.Hf.Gradio;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>What the official clients send that ours must send alike: upload file names and types, and error texts on 4.x.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class GradioUploadAndHeaderContractTests
{
    private static async Task<(GradioTestHost Host, GradioClient Client)> UploadHostAsync()
    {
        var host = new GradioTestHost();
        host.Fixtures("6.25.0", "reverse").Discovery();
        host.App.Given(Request.Create().UsingPost().WithPath("/gradio_api/upload"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("[\"/tmp/gradio/abc/file\"]"));
        return (host, await host.ConnectAsync());
    }

    private static string UploadBody(GradioTestHost host)
        => Encoding.UTF8.GetString(host.AppRequests.Single(r => r.Path == "/gradio_api/upload").BodyAsBytes!);

    [Test]
    public async Task A_non_ascii_file_name_goes_out_as_raw_utf8_like_the_official_clients()
    {
        var (host, client) = await UploadHostAsync();
        using (host)
        {
            var file = await client.UploadAsync(new MemoryStream("x"u8.ToArray()), "é ü.txt");

            var body = UploadBody(host);
            Assert.Multiple(() =>
            {
                Assert.That(body, Does.Contain("filename=\"é ü.txt\""));
                Assert.That(body, Does.Not.Contain("=?utf-8?"), "no RFC 2047 word, which Gradio's parser does not decode");
                Assert.That(body, Does.Not.Contain("filename*"));
                Assert.That(file.OrigName, Is.EqualTo("é ü.txt"));
            });
        }
    }

    [Test]
    public async Task A_file_name_with_a_quote_is_sent_with_the_quote_percent_encoded_instead_of_throwing()
    {
        var (host, client) = await UploadHostAsync();
        using (host)
        {
            await client.UploadAsync(new MemoryStream("x"u8.ToArray()), "say \"hi\".txt");

            Assert.That(UploadBody(host), Does.Contain("filename=\"say %22hi%22.txt\""), "the HTML5 form encoding httpx and browsers use");
        }
    }

    [TestCase("photo.PNG", "image/png")]
    [TestCase("notes.txt", "text/plain")]
    [TestCase("clip.wav", "audio/wav")]
    [TestCase("data.bin", "application/octet-stream")]
    public async Task The_part_carries_a_content_type_guessed_from_the_extension(string name, string type)
    {
        var (host, client) = await UploadHostAsync();
        using (host)
        {
            await client.UploadAsync(new MemoryStream("x"u8.ToArray()), name);

            Assert.That(UploadBody(host), Does.Contain("Content-Type: " + type + "\r\n"));
        }
    }

    [Test]
    public async Task The_app_gets_the_token_in_X_HF_Authorization_only()
    {
        using var host = new GradioTestHost();
        host.Fixtures("6.25.0", "textgen").Discovery();

        await host.ConnectAsync(GradioTestHost.Token);

        Assert.That(host.AppRequests, Is.Not.Empty);
        foreach (var request in host.AppRequests)
        {
            Assert.That(request.Headers!["X-HF-Authorization"].Single(), Is.EqualTo("Bearer " + GradioTestHost.Token), request.Path);
            Assert.That(request.Headers!.ContainsKey("Authorization"), Is.False, request.Path);
        }
    }

    [Test]
    public async Task On_4x_over_call_a_textless_error_of_an_app_with_show_error_says_that_4x_never_sends_it()
    {
        using var host = new GradioTestHost();
        var showError = new GradioFixtures(host.App, "4.44.1", Path.Combine("textgen", "show_error"));
        showError.Get("/config", "config.json", "application/json");
        host.Fixtures("4.44.1", "textgen").Get("/info", "info.json", "application/json");
        showError.Call("generate", "generate-error-gr");
        var client = await host.ConnectAsync();

        var error = Assert.ThrowsAsync<GradioAppException>(() => client.CallAsync("/generate", [GradioValue.Text(""), GradioValue.Number(8)], new GradioCallOptions { FetchErrorText = false }));

        Assert.Multiple(() =>
        {
            Assert.That(client.App.ShowError, Is.True, "the recorded app was launched with show_error=True");
            Assert.That(error!.IsHidden, Is.True);
            Assert.That(error.Message, Does.Not.Contain("show_error=False"));
            Assert.That(error.Message, Does.Contain("Gradio 4.44.1 never sends the error text on /call").And.Contain("show_error=True"));
        });
    }
}
