using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Tests.Validation;

[TestFixture]
public class MediaOutputCheckTests
{
    [Test]
    public void A_png_drawn_in_code_passes_with_its_dimensions()
    {
        var (result, extension) = new ImageFileCheck().EvaluateContent(TinyMedia.Png(64, 48));
        Assert.That(result.Passed, Is.True, result.Reason);
        Assert.That(result.Reason, Does.Contain("64x48 PNG"));
        Assert.That(extension, Is.EqualTo(".png"));
    }

    [Test]
    public void A_jpeg_header_is_read_through_its_segments_to_the_frame_size()
    {
        // SOI, an APP0 segment of 16 bytes, then SOF0 with height 480 and width 640.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. new byte[14], 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x03, .. new byte[12]];
        var (result, extension) = new ImageFileCheck().EvaluateContent(jpeg);
        Assert.That(result.Passed, Is.True, result.Reason);
        Assert.That(result.Reason, Does.Contain("640x480 JPEG"));
        Assert.That(extension, Is.EqualTo(".jpeg"));
    }

    [Test]
    public void A_webp_extended_header_gives_its_canvas_size()
    {
        var webp = new byte[30];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(webp, 0);
        Encoding.ASCII.GetBytes("WEBPVP8X").CopyTo(webp, 8);
        webp[24] = 255; // width - 1 = 255
        webp[27] = 127; // height - 1 = 127
        var (result, _) = new ImageFileCheck().EvaluateContent(webp);
        Assert.That(result.Reason, Does.Contain("256x128 WEBP"));
    }

    [TestCase(0, 10)]
    [TestCase(20000, 10)]
    public void An_image_with_implausible_dimensions_fails(int width, int height)
    {
        var png = TinyMedia.Png(2, 2);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        var (result, _) = new ImageFileCheck().EvaluateContent(png);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Reason, Does.Contain($"{width}x{height}"));
    }

    [Test]
    public void Text_that_is_not_an_image_fails()
    {
        var (result, _) = new ImageFileCheck().EvaluateContent("<html>error</html>"u8);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Reason, Does.Contain("not a readable PNG, JPEG or WebP"));
    }

    [Test]
    public void A_wav_tone_passes_with_its_duration()
    {
        var (result, extension) = new AudioFileCheck().EvaluateContent(TinyMedia.Wav(0.5, 16000));
        Assert.That(result.Passed, Is.True, result.Reason);
        Assert.That(result.Reason, Does.StartWith("0.5 s of WAV"));
        Assert.That(extension, Is.EqualTo(".wav"));
    }

    [Test]
    public void A_wav_without_samples_fails()
    {
        var wav = TinyMedia.Wav(0.1)[..44];
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), 0);
        var (result, _) = new AudioFileCheck().EvaluateContent(wav);
        Assert.That(result.Passed, Is.False);
        Assert.That(result.Reason, Does.Contain("holds no audio"));
    }

    [Test]
    public void A_flac_streaminfo_gives_the_duration()
    {
        var flac = new byte[42];
        Encoding.ASCII.GetBytes("fLaC").CopyTo(flac, 0);
        flac[4] = 0x80; // last metadata block, type STREAMINFO
        // sample rate 44100 (20 bits) at byte 18; total samples 88200 in the low 36 bits from byte 21.
        const int rate = 44100;
        flac[18] = (byte)(rate >> 12);
        flac[19] = unchecked((byte)(rate >> 4));
        flac[20] = (byte)((rate & 0x0F) << 4);
        BinaryPrimitives.WriteUInt32BigEndian(flac.AsSpan(22), 88200);
        var (result, _) = new AudioFileCheck().EvaluateContent(flac);
        Assert.That(result.Passed, Is.True, result.Reason);
        Assert.That(result.Reason, Does.StartWith("2 s of FLAC"));
    }

    [Test]
    public void A_file_check_needs_a_file_reference_in_the_json()
    {
        using var file = JsonDocument.Parse("""{"path": "/tmp/x.png", "url": "http://127.0.0.1/file=/tmp/x.png", "meta": {"_type": "gradio.FileData"}}""");
        using var text = JsonDocument.Parse("\"an image\"");
        Assert.That(new ImageFileCheck().Evaluate([file.RootElement]).Passed, Is.True);
        Assert.That(new ImageFileCheck().Evaluate([text.RootElement]).Reason, Does.Contain("expected a file"));
    }

    [TestCase("""[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]""", true)]
    [TestCase("""[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": [{"type": "text", "text": "Hello!"}]}]""", true)]
    [TestCase("""[{"role": "user", "content": "Hi"}]""", false)]
    [TestCase("""[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "  "}]""", false)]
    [TestCase("""[{"content": "Hi"}]""", false)]
    [TestCase("\"Hello\"", false)]
    public void Chat_messages_must_end_with_a_non_empty_assistant_reply(string json, bool passes)
    {
        using var output = JsonDocument.Parse(json);
        var verdict = new ChatMessagesCheck().Evaluate([output.RootElement]);
        Assert.That(verdict.Passed, Is.EqualTo(passes), verdict.Reason);
    }

    [TestCase("chat_messages", typeof(ChatMessagesCheck))]
    [TestCase("image_file", typeof(ImageFileCheck))]
    [TestCase("audio_file", typeof(AudioFileCheck))]
    public void The_new_checks_round_trip_through_their_spec(string kind, Type type)
    {
        var check = new OutputCheckSpec(kind).ToCheck();
        Assert.That(check, Is.InstanceOf(type));
        Assert.That(OutputCheckSpec.From(check).Kind, Is.EqualTo(kind));
    }
}
