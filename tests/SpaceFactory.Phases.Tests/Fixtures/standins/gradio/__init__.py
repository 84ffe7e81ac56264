"""Stand-in gradio for tests: records the endpoints a generated app wires, so that they can be called directly."""
endpoints = {}
class Error(Exception):
    pass
class _Component:
    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs
class _Event:
    def then(self, fn, inputs=None, outputs=None, api_name=None):
        endpoints[api_name] = (fn, inputs, outputs)
        return _Event()
class Button(_Component):
    def click(self, fn, inputs=None, outputs=None, api_name=None):
        endpoints[api_name] = (fn, inputs, outputs)
        return _Event()
for _name in ("Markdown", "Image", "Label", "Textbox", "Slider", "Number", "Chatbot", "AnnotatedImage", "JSON", "Examples"):
    globals()[_name] = type(_name, (_Component,), {})
def api(fn, api_name=None):
    endpoints[api_name] = (fn, None, None)
class Blocks:
    def __init__(self, **kwargs):
        pass
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False
    def launch(self, **kwargs):
        self.launched = kwargs
