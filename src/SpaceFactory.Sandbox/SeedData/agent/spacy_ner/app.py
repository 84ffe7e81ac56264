"""A Gradio demo of a spaCy named-entity recogniser, written by SpaceFactory's coding agent from the model card.

The pipeline is downloaded from the Hub and loaded once at start-up; /predict runs it and /health reports readiness.
"""

import gradio as gr
import spacy
from huggingface_hub import snapshot_download

MODEL_ID = "{{model}}"
EXAMPLE = "Apple is looking at buying U.K. startup for $1 billion"

# A spaCy pipeline on the Hub holds the packaged pipeline folder (config.cfg, meta.json and one folder per
# component) next to its wheel; the folder is all spacy.load needs, so the wheel is not downloaded.
nlp = spacy.load(snapshot_download(repo_id=MODEL_ID, ignore_patterns=["*.whl"]))


def predict(text: str) -> list:
    "Find the named entities in the text."
    if not text or not text.strip():
        raise gr.Error("text must not be empty")
    doc = nlp(text)
    # spaCy's transition-based recogniser makes hard decisions and reports no per-entity probability:
    # every entity it returns was predicted, so its score is 1.0.
    return [
        {
            "entity_group": entity.label_,
            "score": 1.0,
            "word": entity.text,
            "start": entity.start_char,
            "end": entity.end_char,
        }
        for entity in doc.ents
    ]


def health() -> dict:
    "Readiness probe used by SpaceFactory's validation."
    return {"status": "ok", "model": MODEL_ID, "components": nlp.pipe_names}


with gr.Blocks(title="spaCy named entities") as demo:
    gr.Markdown(f"# Named entities with {MODEL_ID}\nspaCy finds people, organisations, places, dates and amounts.")
    text = gr.Textbox(label="text", value=EXAMPLE, lines=3)
    entities = gr.JSON(label="entities")
    gr.Button("Find entities").click(predict, inputs=text, outputs=entities, api_name="predict")
    gr.Examples([[EXAMPLE]], inputs=text)
    gr.api(health, api_name="health")

if __name__ == "__main__":
    demo.launch(show_error=True)
