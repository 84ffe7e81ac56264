"""Runs generated text apps against stand-in gradio, spaces, transformers and sentence-transformers (this folder).

Usage: text_apps.py APP_DIR. APP_DIR holds <task>-<hardware>.py files written by the generator. Each app is
executed, its endpoint is called the way Gradio would call it, and the return value is checked against what the
app's output component takes; the model must be loaded once, with the app's TORCH_DTYPE. Prints one line per app;
exits 1 on the first failure.
"""

import pathlib
import sys
import types

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import gradio  # noqa: E402  (the stand-in)
import sentence_transformers  # noqa: E402  (the stand-in)
import transformers  # noqa: E402  (the stand-in)


def run(path):
    gradio.endpoints.clear()
    transformers.calls.clear()
    sentence_transformers.calls.clear()
    app = types.ModuleType("app")
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), app.__dict__)
    loads = [c for c in transformers.calls if c[0] == "pipeline"] + [c for c in sentence_transformers.calls if c[0] == "load"]
    assert len(loads) == 1, loads
    dtype = loads[0][2].get("torch_dtype") or loads[0][2].get("model_kwargs", {}).get("torch_dtype")
    assert dtype == app.TORCH_DTYPE, (loads, app.TORCH_DTYPE)
    return gradio.endpoints


# The endpoint of each one-text-input task, which must refuse an empty text with a gr.Error.
SINGLE_TEXT = {
    "text-generation": "generate", "text2text-generation": "generate", "summarization": "summarize",
    "translation": "translate", "text-classification": "classify", "token-classification": "extract",
    "feature-extraction": "embed", "sentence-similarity": "embed",
}


def check(task, endpoints):
    call = lambda name, *args: endpoints[name][0](*args)  # noqa: E731
    if task == "text-generation":
        steps = list(call("generate", "Once upon a time", 8))
        assert steps == ["Once upon a time and", "Once upon a time and more"], steps
    elif task in ("text2text-generation", "summarization", "translation"):
        name = {"text2text-generation": "generate", "summarization": "summarize", "translation": "translate"}[task]
        assert isinstance(call(name, "Some text."), str) and call(name, "Some text.")
    elif task == "text-classification":
        assert call("classify", "I love it") == {"POSITIVE": 0.9, "NEGATIVE": 0.1}
    elif task == "token-classification":
        entity = call("extract", "My name is Sarah")[0]
        assert entity["word"] == "Sarah" and type(entity["score"]) is float and type(entity["start"]) is int, entity
    elif task == "fill-mask":
        assert call("fill_mask", "Paris is the [MASK] of France.") == {"capital": 0.7, "city": 0.2}
    elif task == "question-answering":
        result = call("answer", "Where?", "Paris is nice.")
        assert result["answer"] == "Paris" and type(result["score"]) is float and type(result["end"]) is int, result
    elif task == "zero-shot-classification":
        assert call("classify", "A match", "sport, politics") == {"sport": 0.5, "politics": 0.5}
    elif task == "feature-extraction":
        assert call("embed", "Hello") == {"dimensions": 3, "tokens": 2, "embedding": [2.0, 3.0, 4.0]}
    elif task == "sentence-similarity":
        vector = call("embed", "A cat")
        assert vector["dimensions"] == 3 and len(vector["embedding"]) == 3, vector
        assert set(call("similarity", "A cat", "A dog\nA kitten")) == {"A dog", "A kitten"}
    else:
        raise AssertionError("no check for " + task)
    if task in SINGLE_TEXT:
        try:
            result = call(SINGLE_TEXT[task], " ")
            list(result) if task == "text-generation" else result
        except gradio.Error:
            pass
        else:
            raise AssertionError(task + " accepted an empty text")
    assert endpoints["health"][0]()["status"] == "ok"


def main():
    for path in sorted(pathlib.Path(sys.argv[1]).glob("*.py")):
        task = path.stem.rsplit("-", 1)[0]
        check(task, run(path))
        print("ok", path.stem)


if __name__ == "__main__":
    main()
