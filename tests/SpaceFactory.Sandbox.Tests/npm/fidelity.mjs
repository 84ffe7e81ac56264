// Runs the official Hugging Face npm clients against a SpaceFactory Sandbox and prints one JSON line.
// Env: HF_ENDPOINT (the Sandbox), HF_TOKEN (a Sandbox token), FIDELITY_FILES (a folder with the Space's files).
//
// @gradio/client resolves a Space id through a hard-coded https://huggingface.co/api/spaces/{id}/host (and
// /jwt), so this script routes requests for that host to the Sandbox and refuses any other non-loopback host:
// the test never touches the network.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countCommits, createRepo, deleteRepo, downloadFile, fileExists, listCommits, listFiles, listModels, listSpaces, modelInfo, pathsInfo, snapshotDownload, spaceInfo, uploadFiles, whoAmI } from "@huggingface/hub";
import { createScheduledJob, deleteScheduledJob, duplicateJob, getJob, getScheduledJob, listScheduledJobs, resumeScheduledJob, runJob, suspendScheduledJob } from "@huggingface/hub";
import { Client } from "@gradio/client";

const hubUrl = process.env.HF_ENDPOINT;
const accessToken = process.env.HF_TOKEN;
const filesDir = process.env.FIDELITY_FILES;
const rewritten = [];

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
	const original = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
	const url = new URL(original);
	let target = original;
	if (url.hostname === "huggingface.co") {
		target = hubUrl + url.pathname + url.search;
		rewritten.push(url.pathname);
	} else if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
		throw new Error(`fidelity script: refusing network access to ${original}`);
	}
	if (input instanceof Request) {
		return realFetch(new Request(target, input), init);
	}
	return realFetch(target, init);
};

async function waitForRunning(spaceId) {
	for (let i = 0; i < 300; i++) {
		const res = await fetch(`${hubUrl}/api/spaces/${spaceId}/runtime`, { headers: { Authorization: `Bearer ${accessToken}` } });
		const runtime = await res.json();
		if (!["BUILDING", "APP_STARTING", "RUNNING_BUILDING", "RUNNING_APP_STARTING", "NO_APP_FILE"].includes(runtime.stage)) {
			return runtime;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`${spaceId} did not settle`);
}

const result = {};
const me = await whoAmI({ accessToken, hubUrl });
result.whoami = me.name;

const spaceId = `${me.name}/npm-fidelity`;
const repo = { type: "space", name: spaceId };
const created = await createRepo({ repo, accessToken, hubUrl, private: true, sdk: "gradio" });
result.repoUrl = created.repoUrl;

const files = readdirSync(filesDir).map((name) => ({
	path: name,
	content: new Blob([readFileSync(join(filesDir, name))]),
}));
const commit = await uploadFiles({ repo, accessToken, hubUrl, files, commitTitle: "Add the generated app" });
result.commitOid = commit?.commit?.oid ?? null;

const info = await spaceInfo({ name: spaceId, accessToken, hubUrl });
result.spaceInfo = { name: info.name, sdk: info.sdk, private: info.private };

const blob = await downloadFile({ repo, path: "app.py", accessToken, hubUrl });
result.downloadedAppPy = await blob.text();

const runtime = await waitForRunning(spaceId);
result.stage = runtime.stage;

const client = await Client.connect(spaceId, { token: accessToken });
result.configSimulated = client.config.spacefactory_simulated === true;
const positional = await client.predict("/generate", ["Hello from npm", 8]);
result.predict = positional.data;
const named = await client.predict("/generate", { prompt: "Named" });
result.predictNamed = named.data;
try {
	await client.predict("/fail", ["x"]);
	result.failError = null;
} catch (e) {
	result.failError = e?.message ?? String(e);
}
// A generator streams: submit() yields one data message per process_generating (the client applies the diffs).
result.streamed = [];
for await (const message of client.submit("/generate_stream", ["Once upon a time", 5])) {
	if (message.type === "data") result.streamed.push(message.data[0]);
	if (message.type === "status" && ["complete", "error"].includes(message.stage)) break;
}
client.close?.();

// Connecting by the app's own origin (no Hub lookup) works as well.
const { host } = await (await fetch(`${hubUrl}/api/spaces/${spaceId}/host`, { headers: { Authorization: `Bearer ${accessToken}` } })).json();
const direct = await Client.connect(host, { token: accessToken });
result.predictByHost = (await direct.predict("/health", [])).data;
direct.close?.();

// A model repo with a binary file: preupload answers "lfs", the client runs the LFS batch and PUTs the bytes.
const modelRepo = { type: "model", name: `${me.name}/npm-lfs-model` };
await createRepo({ repo: modelRepo, accessToken, hubUrl });
const weights = new Uint8Array(160).map((_, i) => (i * 7) % 256);
const lfsCommit = await uploadFiles({ repo: modelRepo, accessToken, hubUrl, files: [{ path: "weights.bin", content: new Blob([weights]) }] });
const model = await modelInfo({ name: modelRepo.name, accessToken, hubUrl, additionalFields: ["filePaths", "sha"] });
const downloaded = new Uint8Array(await (await downloadFile({ repo: modelRepo, path: "weights.bin", accessToken, hubUrl })).arrayBuffer());
result.lfs = {
	commitOid: lfsCommit?.commit?.oid ?? null,
	private: model.private,
	roundTrip: downloaded.length === weights.length && downloaded.every((b, i) => b === weights[i]),
	filePaths: model.filePaths ?? null,
	sha: model.sha ?? null,
};

// Listing the repo the way snapshot-style code does: tree, paths-info, commits, and the repo listings.
const collect = async (iterable) => {
	const items = [];
	for await (const item of iterable) items.push(item);
	return items;
};
const tree = await collect(listFiles({ repo: modelRepo, recursive: true, expand: true, accessToken, hubUrl }));
const paths = await pathsInfo({ repo: modelRepo, paths: ["weights.bin", "missing.bin"], expand: true, accessToken, hubUrl });
const commits = await collect(listCommits({ repo: modelRepo, accessToken, hubUrl, batchSize: 1 }));
const models = await collect(listModels({ search: { owner: me.name }, accessToken, hubUrl }));
const spaces = await collect(listSpaces({ search: { owner: me.name }, accessToken, hubUrl }));
const weightsEntry = tree.find((e) => e.path === "weights.bin");
result.listing = {
	treePaths: tree.map((e) => e.path),
	weightsLfsOid: weightsEntry?.lfs?.oid ?? null,
	weightsLastCommit: weightsEntry?.lastCommit?.id ?? null,
	pathsInfo: paths.map((p) => ({ path: p.path, type: p.type, size: p.size, lastCommit: p.lastCommit?.id ?? null })),
	commits: commits.map((c) => ({ oid: c.oid, title: c.title, author: c.authors[0]?.username ?? null })),
	models: models.map((m) => ({ name: m.name, private: m.private })),
	spaces: spaces.map((m) => ({ name: m.name, private: m.private })),
};
// How code in a Job fetches a model: snapshotDownload (info with expand=sha, tree at that commit, each file into the
// cache), and the small helpers that read the commit count (X-Total-Count) and probe a file (HEAD on resolve).
const cacheDir = mkdtempSync(join(tmpdir(), "npm-fidelity-cache-"));
try {
	const snapshot = await snapshotDownload({ repo: modelRepo, cacheDir, accessToken, hubUrl });
	const cached = new Uint8Array(readFileSync(join(snapshot, "weights.bin")));
	result.snapshot = {
		folder: snapshot.split(/[\\/]/).slice(-2).join("/"),
		files: readdirSync(snapshot).sort(),
		weightsRoundTrip: cached.length === weights.length && cached.every((b, i) => b === weights[i]),
	};
} finally {
	rmSync(cacheDir, { recursive: true, force: true });
}
result.countCommits = await countCommits({ repo: modelRepo, accessToken, hubUrl });
result.fileExists = {
	weights: await fileExists({ repo: modelRepo, path: "weights.bin", accessToken, hubUrl }),
	missing: await fileExists({ repo: modelRepo, path: "missing.bin", accessToken, hubUrl }),
};
await deleteRepo({ repo: modelRepo, accessToken, hubUrl });

// A Job and its duplicate (a local process in the Sandbox).
const job = await runJob({ namespace: me.name, dockerImage: "python:3.12", command: ["sh", "-c", "echo from-npm"], flavor: "cpu-basic", accessToken, hubUrl });
const duplicatedJob = await duplicateJob({ namespace: me.name, jobId: job.id, accessToken, hubUrl });
const inspectedDuplicate = await getJob({ namespace: me.name, jobId: duplicatedJob.id, accessToken, hubUrl });
result.jobs = {
	distinct: job.id !== duplicatedJob.id,
	command: inspectedDuplicate.command,
	image: inspectedDuplicate.dockerImage,
};

// Scheduled Jobs through the official client: create, get, list, suspend, resume, delete (never fired here).
const scheduled = await createScheduledJob({
	namespace: me.name,
	schedule: "@daily",
	jobSpec: { dockerImage: "python:3.12", command: ["python", "-c", "print(1)"], flavor: "cpu-basic" },
	accessToken,
	hubUrl,
});
const fetched = await getScheduledJob({ namespace: me.name, jobId: scheduled.id, accessToken, hubUrl });
await suspendScheduledJob({ namespace: me.name, jobId: scheduled.id, accessToken, hubUrl });
const suspended = await getScheduledJob({ namespace: me.name, jobId: scheduled.id, accessToken, hubUrl });
await resumeScheduledJob({ namespace: me.name, jobId: scheduled.id, accessToken, hubUrl });
const listed = await listScheduledJobs({ namespace: me.name, accessToken, hubUrl });
await deleteScheduledJob({ namespace: me.name, jobId: scheduled.id, accessToken, hubUrl });
let afterDelete = null;
try {
	await getScheduledJob({ namespace: me.name, jobId: scheduled.id, accessToken, hubUrl });
} catch (e) {
	afterDelete = e?.statusCode ?? e?.message ?? String(e);
}
result.scheduled = {
	schedule: fetched.schedule,
	image: fetched.jobSpec?.dockerImage ?? null,
	suspendedThenResumed: [suspended.suspend, listed.find((j) => j.id === scheduled.id)?.suspend ?? null],
	listed: listed.map((j) => j.id).includes(scheduled.id),
	afterDelete,
};

// The seeded model the factory starts from.
const tiny = await modelInfo({ name: "sshleifer/tiny-gpt2", hubUrl, additionalFields: ["library_name", "cardData"] });
result.tinyGpt2 = { task: tiny.task, library: tiny.library_name };

result.rewritten = [...new Set(rewritten)];
console.log(JSON.stringify(result));
