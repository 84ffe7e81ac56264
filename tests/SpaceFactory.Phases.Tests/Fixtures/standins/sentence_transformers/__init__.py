"""Stand-in sentence-transformers: a model encoding texts as fixed unit vectors, with the real similarity shape."""
import numpy as np
calls = []
class _Scores:
    def __init__(self, rows):
        self.rows = rows
    def __getitem__(self, index):
        return _Row(self.rows[index])
class _Row(list):
    def tolist(self):
        return list(self)
class SentenceTransformer:
    def __init__(self, model_id, **kwargs):
        calls.append(("load", model_id, kwargs))
    def encode(self, texts, normalize_embeddings=False):
        single = isinstance(texts, str)
        vectors = np.array([[0.6, 0.8, 0.0] for _ in ([texts] if single else texts)])
        return vectors[0] if single else vectors
    def similarity(self, a, b):
        return _Scores([[float(np.dot(x, y)) for y in b] for x in a])
