using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Steps;

/// <summary>Turns the Hub's model info and card into the <see cref="ModelFacts"/> the analysis decides on.</summary>
internal static class ModelFactsBuilder
{
    public static ModelFacts Build(RepoId id, ModelInfo info, ModelCard? card, bool canReadFiles)
    {
        var labels = info.Config?.AdditionalProperties is { } extra && extra.TryGetValue("id2label", out var id2Label) && id2Label.ValueKind == JsonValueKind.Object
            ? id2Label.EnumerateObject().Select(p => p.Value.ToString()).Where(l => l.Length > 0).ToList()
            : [];
        return new ModelFacts
        {
            Id = id,
            PipelineTag = info.PipelineTag,
            LibraryName = info.LibraryName,
            Tags = info.Tags ?? [],
            Architectures = info.Config?.Architectures ?? [],
            ModelType = info.Config?.ModelType,
            Files = [.. (info.Siblings ?? []).Select(s => new ModelFileFacts(s.Path, s.Size ?? s.Lfs?.Size))],
            SafetensorsParameters = info.Safetensors?.Total,
            BytesPerParameter = BytesPerParameter(info.Safetensors?.Parameters),
            WeightDtype = WeightDtype(info.Safetensors?.Parameters),
            HasChatTemplate = HasChatTemplate(info.Config?.AdditionalProperties),
            Gated = info.Gated is { IsGated: true } gated ? gated.Mode : null,
            Private = info.Private ?? false,
            CanReadFiles = canReadFiles,
            MaskToken = info.MaskToken,
            Labels = labels,
            Card = card is null ? ModelCardFacts.Empty : FromCard(card),
        };
    }

    private static ModelCardFacts FromCard(ModelCard card) => new()
    {
        Exists = true,
        License = card.Metadata.License,
        Languages = card.Metadata.Languages,
        LibraryName = card.Metadata.LibraryName,
        PipelineTag = card.Metadata.PipelineTag,
        Widget = [.. card.Metadata.Widget.Select(w => new WidgetExample(w.Text, StringProperty(w.Raw, "context"), CandidateLabels(w.Raw))
        {
            Source = w.Source ?? StringProperty(w.Raw, "src"),
            SourceSentence = StringProperty(w.Raw, "source_sentence"),
            Sentences = Strings(w.Raw, "sentences"),
            UserMessage = UserMessage(w.Raw),
        })],
        MetadataError = card.MetadataError,
        Truncated = card.IsTruncated,
    };

    private static string? StringProperty(JsonElement raw, string name) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>candidate_labels</c> is a comma-separated string in most cards, a list in some.</summary>
    private static List<string>? CandidateLabels(JsonElement raw)
    {
        if (raw.ValueKind != JsonValueKind.Object || !raw.TryGetProperty("candidate_labels", out var value))
        {
            return null;
        }

        var labels = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0).ToList(),
            _ => null,
        };
        return labels is { Count: > 0 } ? labels : null;
    }

    private static List<string>? Strings(JsonElement raw, string name) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;

    /// <summary>The first user message of a chat widget's <c>messages</c> list.</summary>
    private static string? UserMessage(JsonElement raw) =>
        raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array
            ? messages.EnumerateArray()
                .Where(m => m.ValueKind == JsonValueKind.Object && string.Equals(StringProperty(m, "role"), "user", StringComparison.Ordinal))
                .Select(m => StringProperty(m, "content"))
                .FirstOrDefault(c => c is not null)
            : null;

    /// <summary>The Hub's model info carries <c>config.tokenizer_config.chat_template</c> (a string, or a list of named templates).</summary>
    private static bool HasChatTemplate(IDictionary<string, JsonElement>? config) =>
        config is not null && config.TryGetValue("tokenizer_config", out var tokenizer) && tokenizer.ValueKind == JsonValueKind.Object &&
        tokenizer.TryGetProperty("chat_template", out var template) &&
        template.ValueKind switch
        {
            JsonValueKind.String => template.GetString()!.Length > 0,
            JsonValueKind.Array => template.GetArrayLength() > 0,
            _ => false,
        };

    private static string? WeightDtype(IReadOnlyDictionary<string, long>? parameters) =>
        parameters is null || parameters.Count == 0
            ? null
            : parameters.MaxBy(p => p.Value).Key.ToUpperInvariant() switch
            {
                "F32" => "float32",
                "F16" => "float16",
                "BF16" => "bfloat16",
                _ => null,
            };

    private static int? BytesPerParameter(IReadOnlyDictionary<string, long>? parameters)
    {
        if (parameters is null || parameters.Count == 0)
        {
            return null;
        }

        var dominant = parameters.MaxBy(p => p.Value).Key.ToUpperInvariant();
        return dominant switch
        {
            "F64" or "I64" => 8,
            "F32" or "I32" => 4,
            "F16" or "BF16" or "I16" => 2,
            "I8" or "U8" or "F8_E4M3" or "F8_E5M2" => 1,
            _ => null,
        };
    }
}
