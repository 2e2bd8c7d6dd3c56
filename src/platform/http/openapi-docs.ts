/**
 * A self-contained API reference page: it fetches the OpenAPI document from the same server and lists every
 * operation with its parameters and schemas. No script or style from elsewhere, so it works offline.
 */
export const API_DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hemisphere API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
header{background:#12355b;color:#fff;padding:1rem 2rem}main{padding:1rem 2rem;max-width:1100px}
section{border:1px solid #c8d1dc;border-radius:6px;margin:.75rem 0}
summary{cursor:pointer;padding:.5rem .75rem;font-weight:600}
.m{display:inline-block;min-width:4.5rem;font-family:monospace;text-transform:uppercase}
.get{color:#0b5d1e}.post{color:#7a4b00}.delete{color:#9b1c1c}.put,.patch{color:#3b3b9b}
pre{background:#f3f5f8;padding:.75rem;overflow:auto;margin:0 .75rem .75rem}h3{margin:.5rem .75rem}
</style></head><body>
<header><h1>Hemisphere API reference</h1><p>OpenAPI 3.1 document: <a style="color:#fff" href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></header>
<main id="ops"><p>Loading…</p></main>
<script src="/api/docs/docs.js"></script>
</body></html>`;

/** The script of the docs page, served from the same origin so a strict content policy allows it. */
export const API_DOCS_JS = `
fetch('/api/v1/openapi.json').then(r=>r.json()).then(doc=>{
  const main=document.getElementById('ops');main.textContent='';
  const esc=s=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  for(const [path,ops] of Object.entries(doc.paths||{})){
    for(const [method,op] of Object.entries(ops)){
      const s=document.createElement('section');
      const params=(op.parameters||[]).map(p=>'<li><code>'+esc(p.name)+'</code> ('+esc(p.in)+(p.required?', required':'')+')</li>').join('');
      const body=op.requestBody?'<h3>Request body</h3><pre>'+esc(JSON.stringify(op.requestBody.content['application/json']?.schema,null,2))+'</pre>':'';
      const res=Object.entries(op.responses||{}).map(([code,r])=>'<h3>'+esc(code)+' '+esc(r.description||'')+'</h3>'+(r.content?'<pre>'+esc(JSON.stringify(r.content['application/json']?.schema,null,2))+'</pre>':'')).join('');
      s.innerHTML='<details><summary><span class="m '+esc(method)+'">'+esc(method)+'</span> '+esc(path)+' — '+esc(op.summary||'')+'</summary>'+(params?'<h3>Parameters</h3><ul>'+params+'</ul>':'')+body+res+'</details>';
      main.appendChild(s);
    }
  }
});`;
