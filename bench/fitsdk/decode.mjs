// Decodes every file of a corpus folder with Garmin's official JavaScript
// FIT SDK (@garmin/fitsdk, pinned in package.json) and prints one JSON line
// in the form of bench/cmd/importbench's results.
//
//   node decode.mjs [--label NAME] DIR
//
// Each file is read, wrapped with Stream.fromByteArray and decoded with
// new Decoder(stream).read() using the SDK's default options (scale and
// offset applied, sub-fields and components expanded, types converted to
// strings, date_times to Dates, heart rates merged): what an application
// using the SDK gets. A file whose read() reports an error counts as
// failed, and the process then exits with status 1.
//
// Peak RSS is the process's VmHWM from /proc/self/status (the peak the
// kernel saw, as for the Go side), falling back to the largest
// process.memoryUsage().rss sampled after each file.
import fs from "node:fs";
import path from "node:path";
import { Decoder, Stream } from "@garmin/fitsdk";

function usage() {
  console.error("usage: node decode.mjs [--label NAME] DIR");
  process.exit(2);
}

let label = "fitsdk";
const args = process.argv.slice(2);
if (args[0] === "--label") {
  label = args[1];
  args.splice(0, 2);
}
if (args.length !== 1) usage();
const dir = args[0];

// The regular files under dir, recursively and sorted (byte order, as Go's
// sort), hidden files and folders left out.
function listFiles(d) {
  const out = [];
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const p = path.join(d, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
const files = listFiles(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
if (files.length === 0) {
  console.error(`decode.mjs: no files in ${dir}`);
  process.exit(1);
}
let totalBytes = 0;
for (const f of files) totalBytes += fs.statSync(f).size;

function status(field) {
  try {
    const m = fs.readFileSync("/proc/self/status", "utf8").match(new RegExp(`^${field}:\\s*(.*)$`, "m"));
    return m ? m[1].trim() : null;
  } catch {
    return null;
  }
}

let errors = 0;
let firstError = "";
let messages = 0;
let sampledPeak = 0;
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (const f of files) {
  const data = fs.readFileSync(f);
  const stream = Stream.fromByteArray(data);
  const decoder = new Decoder(stream);
  const result = decoder.read();
  if (result.errors.length > 0) {
    errors++;
    if (!firstError) firstError = `${f}: ${result.errors[0]}`;
  }
  for (const k in result.messages) messages += result.messages[k].length;
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);

const hwm = status("VmHWM");
const peakRSSMiB = hwm ? parseFloat(hwm) / 1024 : sampledPeak / (1 << 20);
const cpus = (() => {
  const list = status("Cpus_allowed_list");
  if (!list) return undefined;
  const out = [];
  for (const part of list.split(",")) {
    const [lo, hi] = part.split("-").map(Number);
    for (let c = lo; c <= (hi ?? lo); c++) out.push(c);
  }
  return out;
})();

const mb = totalBytes / 1e6;
const activities = files.length - errors;
const result = {
  label,
  mode: "fitsdk",
  files: files.length,
  activities,
  mb,
  seconds,
  files_per_s: files.length / seconds,
  activities_per_s: activities / seconds,
  mb_per_s: mb / seconds,
  peak_rss_mib: peakRSSMiB,
  errors,
  runtime: `node ${process.version}, @garmin/fitsdk ${JSON.parse(fs.readFileSync(new URL("./node_modules/@garmin/fitsdk/package.json", import.meta.url))).version}`,
  first_error: firstError || undefined,
  cpus,
  cpu_seconds: (cpu.user + cpu.system) / 1e6,
  messages,
};
console.log(JSON.stringify(result));
console.error(
  `decode.mjs ${label}: ${files.length} files, ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s: ${result.mb_per_s.toFixed(1)} MB/s, ` +
    `peak RSS ${peakRSSMiB.toFixed(1)} MiB, CPU ${result.cpu_seconds.toFixed(2)} s`,
);
if (errors > 0) {
  console.error(`decode.mjs ${label}: ${errors} file(s) failed, e.g. ${firstError}`);
  process.exit(1);
}
