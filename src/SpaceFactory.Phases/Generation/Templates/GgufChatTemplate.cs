namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// A GGUF chat (llama.cpp through <c>llama-cpp-python</c>): the same <c>/chat(messages, max_new_tokens)</c> and
/// <c>/add_message</c> endpoints, schema, simulation and probe as <see cref="ChatTemplate"/>, served from the one
/// quantised file the analysis chose (named in the app) with the chat template stored in that file.
/// </summary>
internal sealed class GgufChatTemplate : ChatTemplate
{
    public override string FileName => "llama_cpp_chat.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        if (request.UseZeroGpu)
        {
            throw new ArgumentException("A GGUF chat runs on llama.cpp's CPU build, which cannot use ZeroGPU; request CPU hardware for it.", nameof(request));
        }

        var file = string.IsNullOrWhiteSpace(request.GgufFile)
            ? throw new ArgumentException($"A GGUF chat needs the .gguf file of {request.Model} to load (GradioAppRequest.GgufFile).", nameof(request))
            : request.GgufFile;
        values.String("GGUF_FILE", file).String("EXAMPLE", request.Example.Text).StringList("EXAMPLES", Examples(request));
    }

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        yield return ("llama-cpp-python", versions.LlamaCppPython);
    }
}
