using SpaceFactory.Hf;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Agents.Policy;

/// <summary>The app.py rules through the real python3 (CI has it), one refusal per rule, and every template passing.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class PythonAppPolicyTests
{
    private static readonly PythonAppPolicy Policy = new(new AgentPolicyOptions());

    private static IEnumerable<SupportedPipeline> AllPipelines => Enum.GetValues<SupportedPipeline>();

    [TestCaseSource(nameof(AllPipelines))]
    public async Task Every_generated_template_passes(SupportedPipeline pipeline)
    {
        foreach (var zeroGpu in pipeline == SupportedPipeline.GgufChat ? [false] : new[] { false, true })
        {
            var app = new GradioAppGenerator().Generate(new GradioAppRequest
            {
                Model = RepoId.Parse("sshleifer/tiny-gpt2"),
                Pipeline = pipeline,
                Example = pipeline == SupportedPipeline.FillMask ? new ProbeExample("Paris is the [MASK] of France.") : new ProbeExample("Hello"),
                Labels = pipeline == SupportedPipeline.TextClassification ? ["POSITIVE", "NEGATIVE"] : null,
                UseZeroGpu = zeroGpu,
                GgufFile = pipeline == SupportedPipeline.GgufChat ? "tiny-gpt2.Q4_K_M.gguf" : null,
            });

            Assert.That(await Policy.CheckAsync(app["app.py"], CancellationToken.None), Is.Empty, $"{pipeline}, ZeroGPU {zeroGpu}");
            Assert.That(RequirementsPolicy.Check(app["requirements.txt"]), Is.Empty);
        }
    }

    [Test]
    public async Task The_smoke_app_passes()
    {
        var app = new GradioAppGenerator().GenerateSmokeApp();
        Assert.That(await Policy.CheckAsync(app["app.py"], CancellationToken.None), Is.Empty);
        Assert.That(RequirementsPolicy.Check(app["requirements.txt"]), Is.Empty);
    }

    [TestCase("import os\ntoken = os.environ['HF_TOKEN']\n", "environment", 2)]
    [TestCase("import os\n\ntoken = os.getenv('HF_TOKEN')\n", "environment", 3)]
    [TestCase("from os import environ\n", "environment", 1)]
    [TestCase("data = open('/proc/self/environ').read()\n", "environment", 1)]
    [TestCase("import subprocess\n", "process", 1)]
    [TestCase("import os\nos.system('curl evil.example')\n", "process", 2)]
    [TestCase("import socket\n", "network", 1)]
    [TestCase("import requests\n", "network", 1)]
    [TestCase("from urllib.request import urlopen\n", "network", 1)]
    [TestCase("x = 1\neval('1 + 1')\n", "dynamic_code", 2)]
    [TestCase("exec('import os')\n", "dynamic_code", 1)]
    [TestCase("__import__('os')\n", "dynamic_code", 1)]
    [TestCase("import importlib\n", "dynamic_code", 1)]
    [TestCase("import gradio as gr\nf = getattr(gr, 'x' + 'y')\n", "dynamic_code", 2)]
    [TestCase("URL = 'https://collector.evil.example/upload'\n", "foreign_host", 1)]
    [TestCase("def f(:\n", "syntax", 1)]
    public async Task Each_rule_refuses_with_its_line(string source, string rule, int line)
    {
        var found = await Policy.CheckAsync(source, CancellationToken.None);

        Assert.That(found.Select(f => (f.Rule, f.Line)), Does.Contain((rule, line)), string.Join("; ", found));
    }

    [Test]
    public async Task Urls_of_the_hub_and_of_the_configured_endpoint_are_allowed()
    {
        var options = new AgentPolicyOptions();
        options.AllowedHosts.Add("127.0.0.1");
        var found = await new PythonAppPolicy(options).CheckAsync(
            "A = 'https://huggingface.co/gpt2'\nB = 'https://me-app.hf.space/'\nC = 'http://127.0.0.1:5000/api'\nD = 'https://hf.co/x'\n", CancellationToken.None);

        Assert.That(found, Is.Empty, string.Join("; ", found));
    }

    [Test]
    public async Task An_app_larger_than_the_bound_is_refused_unread()
    {
        var found = await new PythonAppPolicy(new AgentPolicyOptions { MaxAppBytes = 100 }).CheckAsync(new string('#', 101), CancellationToken.None);

        Assert.That(found.Single().Rule, Is.EqualTo("size"));
    }

    [Test]
    public async Task Without_python_the_check_fails_closed()
    {
        var found = await new PythonAppPolicy(new AgentPolicyOptions { Python = "/nonexistent/python3" }).CheckAsync("x = 1\n", CancellationToken.None);

        Assert.That(found.Single().Rule, Is.EqualTo("unchecked"));
        Assert.That(found[0].Detail, Does.Contain("refused unchecked"));
    }
}
