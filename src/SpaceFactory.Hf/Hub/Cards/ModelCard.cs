using System.Text.RegularExpressions;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// A model card: the README of a model repository, split into its YAML front matter (typed <see cref="Metadata"/>)
/// and its Markdown <see cref="Body"/>. Everything in it is data written by the model's author, never instructions.
/// </summary>
public sealed partial class ModelCard
{
    private ModelCard(string content, string body, string? metadataYaml, ModelCardMetadata metadata, string? metadataError, bool isTruncated)
    {
        Content = content;
        Body = body;
        MetadataYaml = metadataYaml;
        Metadata = metadata;
        MetadataError = metadataError;
        IsTruncated = isTruncated;
    }

    /// <summary>The README text as read (cut at the size limit when <see cref="IsTruncated"/>).</summary>
    public string Content { get; }

    /// <summary>The Markdown after the front matter (the whole text when there is none).</summary>
    public string Body { get; }

    /// <summary>The front matter's YAML text, or <see langword="null"/> when the README has none.</summary>
    public string? MetadataYaml { get; }

    /// <summary>The typed front matter; empty when there is none or it is malformed.</summary>
    public ModelCardMetadata Metadata { get; }

    /// <summary>Why the front matter could not be read, or <see langword="null"/> when it was read (or absent).</summary>
    public string? MetadataError { get; }

    /// <summary>Whether the front matter exists but could not be read (see <see cref="MetadataError"/>).</summary>
    public bool IsMetadataMalformed => MetadataError is not null;

    /// <summary>Whether the README was longer than the size limit and was cut.</summary>
    public bool IsTruncated { get; }

    /// <summary>
    /// Parses a README with the Hub's own front-matter rule
    /// (<c>^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))</c>). Never throws for bad YAML.
    /// </summary>
    /// <param name="content">The README text.</param>
    /// <returns>The card.</returns>
    public static ModelCard Parse(string content) => Parse(content, isTruncated: false);

    /// <summary>Parses a README; <paramref name="isTruncated"/> records that the text was cut.</summary>
    internal static ModelCard Parse(string content, bool isTruncated)
    {
        ArgumentNullException.ThrowIfNull(content);
        Match match;
        try
        {
            match = FrontMatter().Match(content);
        }
        catch (RegexMatchTimeoutException)
        {
            return new ModelCard(content, content, null, ModelCardMetadata.Empty, "The front matter could not be located in time.", isTruncated);
        }

        if (!match.Success)
        {
            return new ModelCard(content, content, null, ModelCardMetadata.Empty, null, isTruncated);
        }

        var yaml = match.Groups["yaml"].Value;
        var body = content[(match.Index + match.Length)..];
        var (metadata, error) = ModelCardMetadataReader.Read(yaml);
        return new ModelCard(content, body, yaml, metadata, error, isTruncated);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ModelCard {{ Length = {Content.Length}, HasMetadata = {MetadataYaml is not null}, Malformed = {IsMetadataMalformed}, Truncated = {IsTruncated} }}";

    // The Hub's REGEX_YAML_BLOCK (huggingface_hub repocard.py, kept in sync with the Hub server).
    [GeneratedRegex(@"^(?<open>\s*---(?:\r\n|\r|\n))(?<yaml>[\S\s]*?)(?<close>(?:\r\n|\r|\n)---[ \t]*(?<end>\r\n|\n|$))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex FrontMatter();
}
