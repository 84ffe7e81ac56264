using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Analysis;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Tests.Analysis;

/// <summary>
/// The hardware table of docs/hardware.md: for a tiny model and four 7B-class models (figures of real repositories),
/// the flavors chosen from the facts the Hub gives (model info with file sizes, config.json) under each permission.
/// </summary>
[TestFixture]
public class HardwareLadderTests
{
    private static readonly ModelCardAnalyzer Analyzer = new();
    private static readonly RuntimeRecommender Recommender = new();

    private static readonly RuntimeOptions Defaults = new();
    private static readonly RuntimeOptions Nothing = new() { AllowZeroGpu = false };
    private static readonly RuntimeOptions FixedOnly = new() { AllowZeroGpu = false, AllowFixedGpu = true };
    private static readonly RuntimeOptions Both = new() { AllowFixedGpu = true };
    private static readonly RuntimeOptions FixedUnderOneDollar = new() { AllowZeroGpu = false, AllowFixedGpu = true, MaxHourlyPriceUsd = 1.0m };

    /// <summary>openai-community/gpt2: 124M parameters, F32 safetensors (548 MB).</summary>
    private static ModelFacts Tiny() => Facts("openai-community/gpt2", [("model.safetensors", 548_105_171)], safetensors: ("F32", 124_439_808));

    /// <summary>mistralai/Mistral-7B-v0.1: 7.24B parameters, BF16 safetensors in two shards (14.5 GB).</summary>
    private static ModelFacts SevenBf16() => Facts(
        "mistralai/Mistral-7B-v0.1", [("model-00001-of-00002.safetensors", 9_942_981_696), ("model-00002-of-00002.safetensors", 4_540_516_344)], safetensors: ("BF16", 7_241_732_096));

    /// <summary>THUDM/chatglm2-6b: PyTorch .bin shards only (12.5 GB), no safetensors metadata; config.json says float16.</summary>
    private static ModelFacts SixBinOnly() => Facts(
        "THUDM/chatglm2-6b",
        [.. Enumerable.Range(1, 7).Select(i => ($"pytorch_model-0000{i}-of-00007.bin", i < 7 ? 1_827_000_000L : 1_523_000_000L))],
        configDtype: "float16");

    /// <summary>TheBloke/Mistral-7B-Instruct-v0.2-GPTQ: 4-bit GPTQ safetensors (4.16 GB); the Hub counts the packed I32 tensors.</summary>
    private static ModelFacts SevenGptq() => Facts(
        "TheBloke/Mistral-7B-Instruct-v0.2-GPTQ", [("model.safetensors", 4_158_662_936)], safetensors: ("I32", 878_182_400),
        quantization: new ModelQuantization { Method = "gptq", BitsPerWeight = 4 });

    /// <summary>TheBloke/Mistral-7B-Instruct-v0.2-GGUF: one file per quantisation; Q4_K_M is 4.37 GB.</summary>
    private static ModelFacts SevenGguf() => Facts(
        "TheBloke/Mistral-7B-Instruct-v0.2-GGUF",
        [("mistral-7b-instruct-v0.2.Q2_K.gguf", 3_083_098_560), ("mistral-7b-instruct-v0.2.Q4_K_M.gguf", 4_368_439_232), ("mistral-7b-instruct-v0.2.Q8_0.gguf", 7_695_857_600)]);

    public static IEnumerable<TestCaseData> Table()
    {
        yield return Row("tiny 124M F32", Tiny, Defaults, "cpu-basic");
        yield return Row("tiny 124M F32", Tiny, Nothing, "cpu-basic");
        yield return Row("tiny 124M F32", Tiny, Both, "cpu-basic");
        yield return Row("7B BF16 safetensors", SevenBf16, Defaults, "zero-a10g");
        yield return Row("7B BF16 safetensors", SevenBf16, Nothing);
        yield return Row("7B BF16 safetensors", SevenBf16, FixedOnly, "l4x1", "a10g-small", "a10g-large");
        yield return Row("7B BF16 safetensors", SevenBf16, Both, "zero-a10g", "l4x1", "a10g-small");
        yield return Row("7B BF16 safetensors", SevenBf16, FixedUnderOneDollar, "l4x1", "a10g-small");
        yield return Row("6B .bin only, float16", SixBinOnly, Defaults, "zero-a10g");
        yield return Row("6B .bin only, float16", SixBinOnly, Nothing);
        yield return Row("6B .bin only, float16", SixBinOnly, FixedOnly, "l4x1", "a10g-small", "a10g-large");
        yield return Row("7B GPTQ 4-bit", SevenGptq, Defaults, "zero-a10g");
        yield return Row("7B GPTQ 4-bit", SevenGptq, Nothing);
        yield return Row("7B GPTQ 4-bit", SevenGptq, FixedOnly, "t4-small", "t4-medium", "l4x1");
        yield return Row("7B GPTQ 4-bit", SevenGptq, Both, "zero-a10g", "t4-small", "t4-medium");
        yield return Row("7B GGUF Q4_K_M", SevenGguf, Defaults, "cpu-basic");
        yield return Row("7B GGUF Q4_K_M", SevenGguf, Nothing, "cpu-basic");
    }

    [TestCaseSource(nameof(Table))]
    public void The_ladder_chooses_by_memory_fit_permission_and_price(Func<ModelFacts> facts, RuntimeOptions options, string[] expected)
    {
        var analysis = Analyzer.Analyze(facts());

        var recommendation = Recommender.Recommend(analysis, options);

        Assert.That(recommendation.Flavors, Is.EqualTo(expected), string.Join(" | ", recommendation.Reasons.Concat(recommendation.Rejected)));
        Assert.That(recommendation.ManualHardwareRequired, Is.EqualTo(expected.Length == 0));
        if (recommendation.Flavors.Contains("cpu-basic"))
        {
            Assert.That(recommendation.Flavors, Has.Count.EqualTo(1), "CPU basic is the only choice when it fits, never a bigger model's fallback");
        }
    }

    [Test]
    public void A_bin_only_6B_model_is_measured_from_its_file_sizes_and_config_dtype()
    {
        var analysis = Analyzer.Analyze(SixBinOnly());

        Assert.That(analysis.WeightBytes, Is.EqualTo((6 * 1_827_000_000L) + 1_523_000_000L));
        Assert.That(analysis.Parameters, Is.EqualTo(analysis.WeightBytes / 2), "two bytes per float16 weight");
        Assert.That(analysis.ParametersSource, Is.EqualTo("weight-files"));
        Assert.That(analysis.TorchDtype, Is.EqualTo("float16"));
        var recommendation = Recommender.Recommend(analysis);
        Assert.That(recommendation.Rejected, Has.Some.StartsWith("cpu-basic: 6.2B parameters"));
    }

    [Test]
    public void A_quantised_model_needs_a_gpu_and_its_memory_follows_the_bits()
    {
        var gptq = Analyzer.Analyze(SevenGptq());
        Assert.That(gptq.Quantization!.Method, Is.EqualTo("gptq"));
        Assert.That(gptq.Parameters, Is.EqualTo(4_158_662_936L * 2), "from the bytes at 4 bits, not the Hub's packed count");
        var recommendation = Recommender.Recommend(gptq, Nothing);
        Assert.That(recommendation.Rejected, Has.Some.EqualTo("cpu-basic: the gptq weights need a CUDA GPU"));
        Assert.That(recommendation.Reasons.Single(), Does.Contain("the smallest that fits is zero-a10g"));

        var gguf = Analyzer.Analyze(SevenGguf());
        Assert.That(gguf.Quantization!.Name, Is.EqualTo("Q4_K_M"), "the preferred quantisation, not the smallest or the first");
        Assert.That(gguf.WeightBytes, Is.EqualTo(4_368_439_232));
        Assert.That(RuntimeRecommender.EstimateMemory(gguf), Is.EqualTo(4_368_439_232 + (4_368_439_232 / 5) + RuntimeRecommender.RuntimeOverheadBytes));
    }

    [Test]
    public void Without_file_sizes_or_metadata_the_parameters_follow_the_config_dtype()
    {
        var facts = SevenBf16() with { Files = [], SafetensorsParameters = 7_000_000_000, BytesPerParameter = null, WeightDtype = null, ConfigDtype = "bfloat16" };

        var memory = RuntimeRecommender.EstimateMemory(Analyzer.Analyze(facts));

        Assert.That(memory, Is.EqualTo(14_000_000_000 + 2_800_000_000 + RuntimeRecommender.RuntimeOverheadBytes));
    }

    [Test]
    public void Cpu_upgrade_is_the_next_rung_when_allowed_and_a_price_ceiling_drops_what_costs_more()
    {
        var twoB = Analyzer.Analyze(Facts("google/gemma-2-2b", [("model.safetensors", 5_228_717_512)], safetensors: ("F32", 2_614_341_888)));

        var upgrade = Recommender.Recommend(twoB, new RuntimeOptions { AllowCpuUpgrade = true, AllowFixedGpu = true });
        Assert.That(upgrade.Flavors, Is.EqualTo(new[] { "cpu-upgrade", "zero-a10g", "t4-small" }));

        var capped = Recommender.Recommend(twoB, new RuntimeOptions { AllowZeroGpu = false, AllowFixedGpu = true, MaxHourlyPriceUsd = 0.5m });
        Assert.That(capped.Flavors, Is.EqualTo(new[] { "t4-small" }));

        var tooCheap = Recommender.Recommend(twoB, new RuntimeOptions { AllowZeroGpu = false, AllowFixedGpu = true, MaxHourlyPriceUsd = 0.1m });
        Assert.That(tooCheap.ManualHardwareRequired, Is.True);
        Assert.That(tooCheap.Reasons.Single(), Does.Contain("t4-small ($0.40/h)").And.Contain("max_hourly_price of at least 0.40"));

        var noUpgrade = Recommender.Recommend(twoB, new RuntimeOptions { AllowZeroGpu = false });
        Assert.That(noUpgrade.Reasons.Single(), Does.Contain("cpu-upgrade ($0.03/h)").And.Contain("allow_cpu_upgrade=true"));
    }

    [Test]
    public void The_hubs_hardware_list_gives_memory_and_hourly_price()
    {
        var hub = JsonSerializer.Deserialize(
            """
            [{"name":"cpu-basic","cpu":"2 vCPU","ram":"16 GB","accelerator":null,"unitCostUSD":0,"unitLabel":"minute"},
             {"name":"zero-a10g","cpu":"2 vCPU","ram":"16 GB","accelerator":{"type":"gpu","model":"A10G","quantity":"1","vram":"24 GB"},"unitCostUSD":0,"unitLabel":"minute"},
             {"name":"l4x1","cpu":"8 vCPU","ram":"30 GB","accelerator":{"type":"gpu","model":"L4","quantity":"1","vram":"24 GB"},"unitCostUSD":0.013333,"unitLabel":"minute"},
             {"name":"l4x4","cpu":"48 vCPU","ram":"186 GB","accelerator":{"type":"gpu","model":"L4","quantity":"4","vram":"96 GB"},"unitCostUSD":0.063333,"unitLabel":"minute"},
             {"name":"inf2x6","cpu":"24 vCPU","ram":"384 GB","accelerator":{"type":"neuron","model":"Inferentia2","quantity":"6","vram":"192 GB"},"unitCostUSD":0.1,"unitLabel":"minute"},
             {"name":"odd","cpu":"1 vCPU","ram":"lots","accelerator":null,"unitCostUSD":0,"unitLabel":"minute"}]
            """, TestJsonContext.Default.ListSpaceHardwareFlavor)!;

        var catalog = HardwareCatalog.FromHub(hub);

        Assert.That(catalog.Select(f => f.Name), Is.EqualTo(new[] { "cpu-basic", "zero-a10g", "l4x1", "l4x4" }), "non-GPU accelerators and unreadable memory left out");
        Assert.That(catalog[1].Kind, Is.EqualTo(HardwareKind.ZeroGpu));
        Assert.That(catalog[1].MemoryBytes, Is.EqualTo(24L << 30));
        Assert.That(catalog[2].HourlyPriceUsd, Is.EqualTo(0.80m));
        Assert.That(catalog[3].Accelerators, Is.EqualTo(4));

        // With the Hub's 24 GB ZeroGPU, a 7B BF16 model (17.2 GiB) fits; the four-GPU flavor is never on the ladder.
        var recommendation = Recommender.Recommend(Analyzer.Analyze(SevenBf16()), new RuntimeOptions { AllowFixedGpu = true, Hardware = catalog });
        Assert.That(recommendation.Flavors, Is.EqualTo(new[] { "zero-a10g", "l4x1" }));
    }

    [Test]
    public void Model_facts_take_dtype_and_quantisation_from_config_json_and_sizes_from_the_blobs_answer()
    {
        // The blobs=true answer: every sibling has a size (LFS files also under lfs).
        var info = new ModelInfo
        {
            Id = "TheBloke/Llama-2-7B-GPTQ",
            PipelineTag = "text-generation",
            LibraryName = "transformers",
            Siblings = [new RepoSibling { Path = "config.json", Size = 900 }, new RepoSibling { Path = "model.safetensors", Lfs = new RepoLfsInfo { Size = 3_900_000_000 } }],
        };
        using var config = JsonDocument.Parse("""{"torch_dtype":"float16","quantization_config":{"quant_method":"GPTQ","bits":4,"group_size":128}}""");

        var facts = ModelFactsBuilder.Build(RepoId.Parse("TheBloke/Llama-2-7B-GPTQ"), info, card: null, canReadFiles: true, config.RootElement);

        Assert.That(facts.Files.Single(f => f.Path == "model.safetensors").Size, Is.EqualTo(3_900_000_000));
        Assert.That(facts.ConfigDtype, Is.EqualTo("float16"));
        Assert.That(facts.Quantization, Is.EqualTo(new ModelQuantization { Method = "gptq", BitsPerWeight = 4 }));
    }

    [TestCase("""{"dtype":"bfloat16","quantization_config":{"quant_method":"bitsandbytes","load_in_4bit":true}}""", "bfloat16", "bitsandbytes", 4.0)]
    [TestCase("""{"text_config":{"torch_dtype":"float32"},"quantization_config":{"quant_method":"awq","w_bit":4}}""", "float32", "awq", 4.0)]
    [TestCase("""{"torch_dtype":"auto","quantization_config":{"quant_method":"fp8"}}""", null, "fp8", 8.0)]
    [TestCase("""{"torch_dtype":"float16","quantization_config":"not an object"}""", "float16", null, null)]
    public void Config_json_dtype_and_quantisation_forms(string json, string? dtype, string? method, double? bits)
    {
        using var config = JsonDocument.Parse(json);

        var facts = ModelFactsBuilder.Build(RepoId.Parse("org/model"), new ModelInfo { Id = "org/model" }, card: null, canReadFiles: true, config.RootElement);

        Assert.That(facts.ConfigDtype, Is.EqualTo(dtype));
        Assert.That(facts.Quantization?.Method, Is.EqualTo(method));
        Assert.That(facts.Quantization?.BitsPerWeight, Is.EqualTo(bits));
    }

    private static TestCaseData Row(string model, Func<ModelFacts> facts, RuntimeOptions options, params string[] expected) =>
        new TestCaseData(facts, options, expected).SetArgDisplayNames(model, Describe(options), expected.Length == 0 ? "manual" : string.Join(">", expected));

    private static string Describe(RuntimeOptions o) =>
        $"zerogpu={o.AllowZeroGpu},fixed={o.AllowFixedGpu}" + (o.MaxHourlyPriceUsd is { } p ? $",max={p}" : string.Empty);

    private static ModelFacts Facts(string id, (string Path, long Size)[] files, (string Dtype, long Count)? safetensors = null, string? configDtype = null, ModelQuantization? quantization = null) => new()
    {
        Id = RepoId.Parse(id),
        PipelineTag = "text-generation",
        LibraryName = id.EndsWith("GGUF", StringComparison.Ordinal) ? null : "transformers",
        Files = [new ModelFileFacts("config.json", 600), .. files.Select(f => new ModelFileFacts(f.Path, f.Size))],
        SafetensorsParameters = safetensors?.Count,
        BytesPerParameter = safetensors?.Dtype switch { "F32" => 4, "BF16" => 2, "I32" => 4, _ => null },
        WeightDtype = safetensors?.Dtype switch { "F32" => "float32", "BF16" => "bfloat16", _ => null },
        ConfigDtype = configDtype,
        Quantization = quantization,
    };
}
