"""Runs generated vision apps against stand-in gradio, spaces and transformers modules (this folder).

Usage: vision_apps.py APP_DIR. APP_DIR holds <task>-<hardware>.py files written by the generator. Each app is
executed, its endpoints are called with a PIL image the way Gradio would call them, and the return values are checked
against what Gradio's components accept (AnnotatedImage: a base image and (box of 4 ints | 0-1 mask of the image's
shape, label) pairs). Prints one line per app; exits 1 on the first failure.
"""

import pathlib
import sys
import types

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import gradio  # noqa: E402  (the stand-in)
import numpy as np  # noqa: E402
import transformers  # noqa: E402  (the stand-in)
from PIL import Image  # noqa: E402


def run(path):
    gradio.endpoints.clear()
    transformers.calls.clear()
    app = types.ModuleType("app")
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), app.__dict__)
    return gradio.endpoints


def check(task, endpoints, image):
    width, height = image.size
    if task == "image-to-text":
        assert endpoints["caption"][0](image) == "a colourful gradient"
    elif task == "object-detection":
        (base, annotations), boxes = endpoints["detect"][0](image, 0)
        assert base.mode == "RGB" and len(annotations) == len(boxes) == 2, (annotations, boxes)
        for (box, label), item in zip(annotations, boxes):
            assert len(box) == 4 and all(isinstance(c, int) for c in box), box
            assert label.startswith(item["label"] + " ") and set(item["box"]) == {"xmin", "ymin", "xmax", "ymax"}, item
        (_, strong), listed = endpoints["detect"][0](image, 0.5)
        assert len(strong) == len(listed) == 1, "the threshold filters"
    elif task == "image-segmentation":
        _, masks = endpoints["segment"][0](image)
        assert [label for _, label in masks] == ["sky", "wall"]
        for mask, _ in masks:
            assert mask.shape == (height, width) and mask.min() >= 0 and mask.max() <= 1.0, mask.shape
    elif task == "depth-estimation":
        assert endpoints["estimate"][0](image).size == (width, height)
    elif task == "zero-shot-image-classification":
        assert endpoints["classify"][0](image, " a cat, ,a dog ") == {"a cat": 0.5, "a dog": 0.5}
        try:
            endpoints["classify"][0](image, " , ")
        except gradio.Error:
            pass
        else:
            raise AssertionError("empty candidate labels were accepted")
    elif task == "image-text-to-text":
        _, messages = endpoints["add_message"][0]("What is this?", [])
        steps = list(endpoints["chat"][0](messages, image, 32))
        template = next(c[1] for c in transformers.calls if c[0] == "template")
        assert template[-1]["content"][0] == {"type": "image"}, template
        assert steps[-1][-1] == {"role": "assistant", "content": "A gradient."}, steps
    else:
        raise AssertionError("no check for " + task)
    assert endpoints["health"][0]()["status"] == "ok"


def main():
    image = Image.fromarray(np.random.default_rng(0).integers(0, 255, (48, 64, 3), dtype=np.uint8)).convert("RGBA")
    for path in sorted(pathlib.Path(sys.argv[1]).glob("*.py")):
        task = path.stem.rsplit("-", 1)[0]
        check(task, run(path), image)
        print("ok", path.stem)


if __name__ == "__main__":
    main()
