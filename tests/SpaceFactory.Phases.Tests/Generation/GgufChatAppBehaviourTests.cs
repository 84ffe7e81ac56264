using System.Diagnostics;
using System.Text.Json;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Tests.Generation;

/// <summary>
/// Runs the generated GGUF chat's Python with stand-in <c>gradio</c> and <c>llama_cpp</c> modules (neither installs
/// offline): what it asks llama.cpp to load, what it sends it, and what <c>/chat</c> yields.
/// </summary>
[TestFixture]
public class GgufChatAppBehaviourTests
{
    private const string GradioStub = """
        class Error(Exception):
            pass

        class _Any:
            def __init__(self, *args, **kwargs):
                pass
            def __call__(self, *args, **kwargs):
                return _Any()
            def __getattr__(self, name):
                return _Any()
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return False

        def __getattr__(name):
            return _Any
        """;

    private const string LlamaStub = """
        import json
        calls = []

        class Llama:
            @classmethod
            def from_pretrained(cls, **kwargs):
                calls.append({"load": kwargs})
                return cls()
            def create_chat_completion(self, **kwargs):
                calls.append({"complete": kwargs})
                for piece in ["Par", "is", None]:
                    yield {"choices": [{"delta": {} if piece is None else {"content": piece}}]}
        """;

    private const string Driver = """
        import importlib.util, json, sys
        spec = importlib.util.spec_from_file_location("app", sys.argv[1])
        app = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(app)
        import gradio, llama_cpp
        steps = list(app.chat([{"role": "user", "content": "Capital of France?"}, {"role": "tool", "content": "dropped"}, {"role": "user", "content": "One word."}], 8.0))
        try:
            list(app.chat([{"role": "assistant", "content": "Hi"}], 8))
            refused = None
        except gradio.Error as e:
            refused = str(e)
        print(json.dumps({"calls": llama_cpp.calls, "steps": steps, "refused": refused, "added": app.add_message("Hi", None)}))
        """;

    [Test]
    public void The_app_loads_the_named_file_once_and_streams_the_growing_reply_of_a_user_conversation()
    {
        var app = new GradioAppGenerator().Generate(new GradioAppRequest
        {
            Model = RepoId.Parse("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF"),
            Pipeline = SupportedPipeline.GgufChat,
            Example = new ProbeExample("Hi"),
            GgufFile = "tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf",
        });
        var folder = Directory.CreateTempSubdirectory("sf-gguf-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "gradio.py"), GradioStub);
            File.WriteAllText(Path.Combine(folder, "llama_cpp.py"), LlamaStub);
            File.WriteAllText(Path.Combine(folder, "app.py"), app["app.py"]);
            var output = RunPython(folder, Driver, Path.Combine(folder, "app.py"));
            if (output is null)
            {
                Assert.Ignore("python3 is not installed.");
            }

            using var result = JsonDocument.Parse(output!);
            var calls = result.RootElement.GetProperty("calls");
            Assert.That(calls.GetArrayLength(), Is.EqualTo(2), "one load at start-up, one completion per chat call; the refused call sends nothing");
            var load = calls[0].GetProperty("load");
            Assert.That(load.GetProperty("repo_id").GetString(), Is.EqualTo("TheBloke/TinyLlama-1.1B-Chat-v1.0-GGUF"));
            Assert.That(load.GetProperty("filename").GetString(), Is.EqualTo("tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf"));
            Assert.That(load.GetProperty("n_ctx").GetInt32(), Is.EqualTo(2048));
            var complete = calls[1].GetProperty("complete");
            Assert.That(complete.GetProperty("stream").GetBoolean(), Is.True);
            Assert.That(complete.GetProperty("max_tokens").GetInt32(), Is.EqualTo(8));
            Assert.That(complete.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()), Is.EqualTo(new[] { "user", "user" }), "unknown roles are dropped");
            var replies = result.RootElement.GetProperty("steps").EnumerateArray().Select(s => Last(s).GetProperty("content").GetString()).ToList();
            Assert.That(replies, Is.EqualTo(new[] { "Par", "Paris", "Paris" }), "each chunk grows the assistant's reply");
            Assert.That(Last(result.RootElement.GetProperty("steps")[0]).GetProperty("role").GetString(), Is.EqualTo("assistant"));
            Assert.That(result.RootElement.GetProperty("refused").GetString(), Does.Contain("must end with a user message"));
            Assert.That(result.RootElement.GetProperty("added")[1][0].GetProperty("content").GetString(), Is.EqualTo("Hi"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static JsonElement Last(JsonElement array) => array[array.GetArrayLength() - 1];

    private static string? RunPython(string folder, string script, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3")
            {
                ArgumentList = { "-c", script, argument },
                WorkingDirectory = folder,
                Environment = { ["PYTHONPATH"] = folder, ["PYTHONDONTWRITEBYTECODE"] = "1" },
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            Assert.That(process.WaitForExit(30_000), Is.True, "python3 finished");
            Assert.That(process.ExitCode, Is.Zero, error);
            return output.Result;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
