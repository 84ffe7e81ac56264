using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Analysis;

namespace SpaceFactory.Phases.Steps;

/// <summary>Turns the Hub's model info and card into the <see cref="ModelFacts"/> the analysis decides on.</summary>
internal static class ModelFactsBuilder
{
    /// <summary>Largest <c>config.json</c> read: real ones are a few KiB; anything bigger is not a config.</summary>
    internal const long MaxConfigBytes = 1024 * 1024;

    /// <summary>
    /// Builds the facts from the Hub's model info (with file sizes), the card and <c>config.json</c>'s content
    /// (<paramref name="config"/>; its dtype and quantisation), when it could be read.
    /// </summary>
    public static ModelFacts Build(RepoId id, ModelInfo info, ModelCard? card, bool canReadFiles, JsonElement? config = null)
    {
        var hubQuantization = info.Config?.AdditionalProperties is { } hubConfig && hubConfig.TryGetValue("quantization_config", out var q) ? q : (JsonElement?)null;
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
            ConfigDtype = config is { } dtypeConfig ? ConfigDtype(dtypeConfig) : null,
            HiddenSize = config is { } sizeConfig ? HiddenSize(sizeConfig) : null,
            Quantization = Quantization(config is { } c && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("quantization_config", out var fileQuantization) ? fileQuantization : hubQuantization),
            Gated = info.Gated is { IsGated: true } gated ? gated.Mode : null,
            Private = info.Private ?? false,
            CanReadFiles = canReadFiles,
            MaskToken = info.MaskToken,
            Labels = labels,
            Card = card is null ? ModelCardFacts.Empty : FromCard(card),
        };
    }

    /// <summary>
    /// Reads <c>config.json</c> (at most <see cref="MaxConfigBytes"/>), or <see langword="null"/> when the repository
    /// has none, it cannot be read, it is too large or it is not a JSON object: the analysis then goes without it.
    /// </summary>
    public static async Task<JsonElement?> ReadConfigAsync(HubClient hub, RepoId id, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await hub.DownloadFileAsync(id, RepoType.Model, "config.json", cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var bytes = await Validation.BoundedRead.ReadAsync(stream, MaxConfigBytes, cancellationToken).ConfigureAwait(false);
                if (bytes is null)
                {
                    return null;
                }

                using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
                return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
            }
        }
        catch (Exception ex) when (ex is HfNotFoundException or HfGatedRepoException or HfForbiddenException or JsonException)
        {
            return null;
        }
    }

    /// <summary><c>hidden_size</c> (BERT, most models), <c>d_model</c> (T5, BART) or <c>dim</c> (DistilBERT), also inside <c>text_config</c>.</summary>
    private static int? HiddenSize(JsonElement config)
    {
        foreach (var holder in (JsonElement?[])[config, config.ValueKind == JsonValueKind.Object && config.TryGetProperty("text_config", out var text) ? text : null])
        {
            foreach (var name in (string[])["hidden_size", "d_model", "dim"])
            {
                if (holder is { ValueKind: JsonValueKind.Object } h && h.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number &&
                    value.TryGetInt32(out var size) && size is > 0 and <= 65536)
                {
                    return size;
                }
            }
        }

        return null;
    }

    /// <summary><c>torch_dtype</c> (Transformers &lt; 4.56) or <c>dtype</c>, also inside <c>text_config</c> (multimodal models).</summary>
    private static string? ConfigDtype(JsonElement config)
    {
        foreach (var holder in (JsonElement?[])[config, config.ValueKind == JsonValueKind.Object && config.TryGetProperty("text_config", out var text) ? text : null])
        {
            foreach (var name in (string[])["torch_dtype", "dtype"])
            {
                if (holder is { ValueKind: JsonValueKind.Object } h && h.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
                    value.GetString() is "float32" or "float16" or "bfloat16" or "float64")
                {
                    return value.GetString();
                }
            }
        }

        return null;
    }

    /// <summary>
    /// <c>quantization_config</c>: <c>quant_method</c> with <c>bits</c> (GPTQ, AWQ), <c>w_bit</c> (older AWQ) or
    /// <c>load_in_4bit</c>/<c>load_in_8bit</c> (bitsandbytes); FP8 methods are 8 bits.
    /// </summary>
    private static ModelQuantization? Quantization(JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Object } q)
        {
            return null;
        }

        var method = StringProperty(q, "quant_method")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(method) || method.Length > 64)
        {
            return null;
        }

        double? bits = Number(q, "bits") ?? Number(q, "w_bit");
        bits ??= Flag(q, "load_in_4bit") ? 4 : Flag(q, "load_in_8bit") ? 8 : method.Contains("fp8", StringComparison.Ordinal) ? 8 : null;
        return new ModelQuantization { Method = method, BitsPerWeight = bits is > 0 and <= 32 ? bits : null };
    }

    private static double? Number(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) ? n : null;

    private static bool Flag(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

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
