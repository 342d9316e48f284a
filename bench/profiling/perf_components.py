# On-CPU samples of `perf record -g` on a .NET process (DOTNET_PerfMapEnabled=1, W^X off) by
# component: a sample in the runtime's native code (GC, JIT, stubs) counts as runtime; otherwise
# it goes to the nearest managed frame (from the leaf up) that is not plumbing (CoreLib etc.).
#
# Recipe (docs/benchmarks.md, "Findings"): start the servers with perf maps and W^X off,
#   DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 bash scripts/bench.sh serve
# put load on one (the wrk line it prints), record it, and summarise with its CPU per request:
#   perf record -e cpu-clock -F 499 -g -p <pid> -o put.data -- sleep 10
#   python3 bench/profiling/perf_components.py put.data <CPU µs per request> [component, e.g. webchats]
# (perf: Debian's linux-perf package.)
import re, sys, subprocess, collections
data = sys.argv[1]; cpu_us = float(sys.argv[2]) if len(sys.argv) > 2 else None
# Optional third argument: part of a component's name; its frames are listed too, busiest first.
detail = sys.argv[3].lower() if len(sys.argv) > 3 else None
out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,ip,sym,dso"], capture_output=True, text=True).stdout
def category(asm, sym):
    """Component of a managed frame by its assembly, or None for plumbing."""
    if asm is None: return None
    if asm.startswith("Microsoft.IdentityModel") or asm == "Microsoft.AspNetCore.Authentication.JwtBearer": return "JWT validation (IdentityModel, JwtBearer)"
    if asm.startswith("Webchats.") and "RateLimit" in sym: return "rate limiter"
    if asm.startswith("Microsoft.EntityFrameworkCore") or asm in ("Npgsql.EntityFrameworkCore.PostgreSQL", "EFCore.NamingConventions"): return "EF Core (+ Npgsql provider)"
    if asm == "Npgsql": return "Npgsql (ADO.NET driver)"
    if asm == "System.Text.Json": return "System.Text.Json"
    if asm.startswith("Microsoft.AspNetCore.Mvc"): return "MVC (invoker, filters, model binding, formatters)"
    if asm in ("Mediator", "FluentValidation") or (asm.startswith("Webchats.") and "Behavior" in sym): return "Mediator, behaviours, FluentValidation"
    if asm.startswith("Webchats."): return "Webchats code (controllers, handlers, domain, JSON reading)"
    if asm.startswith("Microsoft.Extensions.DependencyInjection"): return "DI container"
    if asm.startswith("Microsoft.Extensions.Logging") or asm == "Microsoft.AspNetCore.HttpLogging": return "logging"
    if asm.startswith(("Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization")) or asm == "System.Security.Claims": return "authn/authz middleware"
    if asm.startswith(("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Connections", "System.Net.", "System.IO.Pipelines")): return "Kestrel, sockets, pipelines"
    if asm.startswith("Microsoft.AspNetCore") or asm == "Microsoft.Net.Http.Headers": return "other ASP.NET Core (hosting, routing, middleware)"
    if asm.startswith("System.Security.Cryptography"): return "crypto"
    if asm.startswith(("System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq", "System.Memory", "System.Threading",
                       "System.ObjectModel", "Microsoft.Extensions.Primitives", "Microsoft.Extensions.Options", "System.Diagnostics",
                       "System.ComponentModel", "System.Console", "System.Text.Encodings.Web", "System.Private.Uri")): return None
    return "other: " + asm
NATIVE_SKIP = re.compile(r"kernel|libc\.so|libSystem\.Native|ld-linux|vdso|libpthread")
RUNTIME = re.compile(r"libcoreclr|libclrjit|libgcheap|libclrgc")
ASM = re.compile(r"\[([A-Za-z][\w.]*)\] ")
b = collections.Counter(); frames_of = collections.Counter(); total = 0
for block in out.split("\n\n"):
    lines = [l for l in block.split("\n") if l.strip()]
    if len(lines) < 2: continue
    frames = []
    for l in lines[1:]:
        m = re.match(r"\s*([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$", l)
        if m: frames.append((m.group(2), m.group(3)))
    if not frames: continue
    total += 1
    sym, dso = frames[0]
    if RUNTIME.search(dso):
        b["runtime native code (GC, JIT, type system, stubs)"] += 1; continue
    for sym, dso in frames:
        if NATIVE_SKIP.search(dso) or RUNTIME.search(dso): continue
        if "libcrypto" in dso: b["crypto"] += 1; break
        m = ASM.search(sym)
        name = category(m.group(1) if m else None, sym)
        if name:
            b[name] += 1
            if detail and detail in name.lower(): frames_of[re.sub(r"\[(Optimized|QuickJitted|Tier)[^\]]*\]$", "", sym)[:160]] += 1
            break
    else:
        b["kernel/libc with no managed caller (epoll, thread pool, GC threads)" if NATIVE_SKIP.search(frames[0][1]) else "plumbing only (CoreLib, thread pool, async machinery)"] += 1
print(f"samples: {total}")
for name, n in b.most_common(30):
    extra = f"  {cpu_us * n / total:6.0f} µs/req" if cpu_us else ""
    print(f"{100 * n / total:6.1f}%{extra}  {name}")
if detail:
    print(f"\nframes of the components matching '{detail}':")
    for frame, n in frames_of.most_common(30):
        extra = f"  {cpu_us * n / total:6.1f} µs/req" if cpu_us else ""
        print(f"{100 * n / total:6.1f}%{extra}  {frame}")
