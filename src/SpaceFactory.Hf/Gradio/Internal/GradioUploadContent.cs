using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// The multipart body of <c>POST {prefix}/upload</c>, written as the official clients write it: the file name as raw
/// UTF-8 in <c>filename="..."</c> (a plain ASCII name as a bare token) (Gradio's parser does not decode RFC 2047 or <c>filename*</c>), with <c>"</c> as
/// <c>%22</c>, <c>\</c> doubled and control characters percent-encoded (HTML5 form encoding, as httpx and browsers do),
/// and a content type guessed from the extension.
/// </summary>
internal static class GradioUploadContent
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".md"] = "text/markdown",
        [".csv"] = "text/csv",
        [".tsv"] = "text/tab-separated-values",
        [".html"] = "text/html",
        [".htm"] = "text/html",
        [".css"] = "text/css",
        [".js"] = "text/javascript",
        [".py"] = "text/x-python",
        [".xml"] = "application/xml",
        [".json"] = "application/json",
        [".jsonl"] = "application/jsonl",
        [".pdf"] = "application/pdf",
        [".zip"] = "application/zip",
        [".gz"] = "application/gzip",
        [".tar"] = "application/x-tar",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".svg"] = "image/svg+xml",
        [".ico"] = "image/vnd.microsoft.icon",
        [".wav"] = "audio/wav",
        [".mp3"] = "audio/mpeg",
        [".ogg"] = "audio/ogg",
        [".flac"] = "audio/flac",
        [".m4a"] = "audio/mp4",
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
        [".mov"] = "video/quicktime",
        [".avi"] = "video/x-msvideo",
        [".mkv"] = "video/x-matroska",
    };

    /// <summary>The form with one <c>files</c> part; the caller disposes it (not <paramref name="content"/>'s owner's stream).</summary>
    public static MultipartFormDataContent Create(Stream content, string fileName)
    {
        var form = new MultipartFormDataContent { HeaderEncodingSelector = static (_, _) => Encoding.UTF8 };
        var part = new StreamContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(GuessContentType(fileName));
        part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=files; filename=" + FileNameParameter(fileName));
        form.Add(part);
        return form;
    }

    /// <summary>The content type for the file's extension; <c>application/octet-stream</c> when unknown.</summary>
    public static string GuessContentType(string fileName)
        => ContentTypes.TryGetValue(Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";

    /// <summary>A plain ASCII name as a bare token (as .NET writes it), any other quoted and HTML5-form-encoded.</summary>
    public static string FileNameParameter(string fileName)
        => fileName.Length > 0 && fileName.All(IsTokenChar) ? fileName : "\"" + EncodeFileName(fileName) + "\"";

    /// <summary>RFC 9110 <c>tchar</c>.</summary>
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    /// <summary>HTML5 form encoding of a file name: raw UTF-8 except <c>"</c>, <c>\</c> and control characters.</summary>
    public static string EncodeFileName(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            _ = c switch
            {
                '"' => builder.Append("%22"),
                '\\' => builder.Append(@"\\"),
                < ' ' and not '\x1b' => builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }
}
