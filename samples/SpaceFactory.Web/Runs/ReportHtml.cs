using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Web.Runs;

/// <summary>
/// Renders a run's <c>report.md</c> with Markdig. The report quotes untrusted text (model cards, Hub and app answers),
/// so raw HTML is escaped, never emitted; link and image targets are kept only when they are the run's own files
/// (rewritten to this app's file URLs) or http(s)/mailto addresses; anything else (<c>javascript:</c>, root paths,
/// <c>..</c>) becomes <c>#</c>. The page's CSP (no inline script) is a second wall.
/// </summary>
internal static class ReportHtml
{
    /// <summary>Longest report rendered; a longer one is cut (the file itself stays readable in full).</summary>
    public const int MaxChars = 512 * 1024;

    // No UseAdvancedExtensions: its generic attributes would let the text set HTML attributes.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().DisableHtml().Build();

    public static string Render(string markdown, RunId runId)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown.Length > MaxChars ? markdown[..MaxChars] : markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            link.Url = Target(link.Url, runId);
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!link.IsEmail)
            {
                link.Url = Target(link.Url, runId) ?? "#";
            }
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>Where a link of the report may point.</summary>
    public static string? Target(string? url, RunId runId)
    {
        if (string.IsNullOrWhiteSpace(url) || url.StartsWith('#'))
        {
            return url;
        }

        if (url.StartsWith('/') || url.StartsWith('\\'))
        {
            return "#"; // a root path would point into this app, outside the run
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "https" or "http" or "mailto" ? absolute.AbsoluteUri : "#";
        }

        var path = url.Split('#', '?')[0];
        try
        {
            return RunFileTypes.Url(runId, ArtifactPath.Validate(Uri.UnescapeDataString(path), allowReserved: true));
        }
        catch (ArgumentException)
        {
            return "#";
        }
    }
}
