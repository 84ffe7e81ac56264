"""Stand-in transformers: pipelines answering in the real output shapes of transformers 4.57."""
import queue
import numpy as np
from PIL import Image
calls = []
TEXT_ANSWERS = {
    "text2text-generation": [{"generated_text": "a stand-in answer"}],
    "summarization": [{"summary_text": "a stand-in summary"}],
    "translation": [{"translation_text": "eine Antwort"}],
    "text-classification": [{"label": "POSITIVE", "score": 0.9}, {"label": "NEGATIVE", "score": 0.1}],
    "token-classification": [{"entity_group": "PER", "score": np.float32(0.98), "word": "Sarah", "start": 11, "end": 16}],
    "fill-mask": [{"token_str": " capital", "score": 0.7}, {"token_str": "city", "score": 0.2}],
    "question-answering": {"answer": "Paris", "score": np.float64(0.9), "start": np.int64(0), "end": np.int64(5)},
    "feature-extraction": [[[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]]],
}
class _Tokenizer:
    mask_token = "[MASK]"
class _Pipe:
    def __init__(self, task, model, **kwargs):
        self.task, self.model, self.kwargs = task, model, kwargs
        self.tokenizer = _Tokenizer()
    def __call__(self, image=None, **kwargs):
        if self.task == "text-generation":
            calls.append((self.task, image, kwargs))
            for piece in [" and", " more"]:
                kwargs["streamer"].put(piece)
            kwargs["streamer"].end()
            return None
        if self.task == "zero-shot-classification":
            labels = kwargs["candidate_labels"]
            return {"sequence": image, "labels": labels, "scores": [1.0 / len(labels)] * len(labels)}
        if self.task in TEXT_ANSWERS:
            calls.append((self.task, image, kwargs))
            return TEXT_ANSWERS[self.task]
        calls.append((self.task, image.mode, image.size, kwargs))
        w, h = image.size
        if self.task == "image-to-text":
            return [{"generated_text": " a colourful gradient "}]
        if self.task == "object-detection":
            t = kwargs.get("threshold", 0.5)
            found = [{"score": 0.97, "label": "person", "box": {"xmin": 1, "ymin": 2, "xmax": 30, "ymax": 40}},
                     {"score": 0.12, "label": "kite", "box": {"xmin": 10, "ymin": 5, "xmax": 60, "ymax": 50}}]
            return [f for f in found if f["score"] > t]
        if self.task == "image-segmentation":
            mask = np.zeros((h, w), dtype=np.uint8); mask[: h // 2] = 255
            return [{"score": None, "label": "sky", "mask": Image.fromarray(mask)},
                    {"score": None, "label": "wall", "mask": Image.fromarray(255 - mask)}]
        if self.task == "depth-estimation":
            return {"predicted_depth": None, "depth": Image.fromarray(np.zeros((h, w), dtype=np.uint8))}
        if self.task == "zero-shot-image-classification":
            labels = kwargs["candidate_labels"]
            return [{"score": 1.0 / len(labels), "label": l} for l in labels]
        raise ValueError(self.task)
def pipeline(task, model=None, **kwargs):
    calls.append(("pipeline", task, kwargs))
    return _Pipe(task, model, **kwargs)
class _Batch(dict):
    def to(self, device, dtype=None):
        calls.append(("to", device, dtype)); return self
class AutoProcessor:
    tokenizer = _Tokenizer()
    @classmethod
    def from_pretrained(cls, model_id):
        return cls()
    def apply_chat_template(self, conversation, add_generation_prompt=False):
        calls.append(("template", conversation)); return "<prompt>"
    def __call__(self, text=None, images=None, return_tensors=None):
        calls.append(("processor", text, [i.mode for i in images])); return _Batch(input_ids=[1], pixel_values=[0.0])
class AutoModelForImageTextToText:
    device, dtype = "cpu", "float32"
    @classmethod
    def from_pretrained(cls, model_id, **kwargs):
        calls.append(("load", model_id, kwargs)); return cls()
    def generate(self, streamer=None, **kwargs):
        for piece in ["A ", "gradient."]:
            streamer.put(piece)
        streamer.end()
class TextIteratorStreamer:
    "Hands pieces from the generating thread to the endpoint, as the real one does (ends on end())."
    def __init__(self, tokenizer, **kwargs):
        self.pieces = queue.Queue()
    def put(self, piece):
        self.pieces.put(piece)
    def end(self):
        self.pieces.put(None)
    def __iter__(self):
        while (piece := self.pieces.get(timeout=10)) is not None:
            yield piece
