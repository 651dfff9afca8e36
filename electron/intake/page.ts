// The phone's upload page: one small HTML file with its own script (allowed by a nonce),
// no external assets, in Chinese with English beneath. It uploads each chosen photo as the
// raw request body (the phone's browser streams it) and shows a line per file.
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageTexts {
  title: string;
  intro: string;
}

export function uploadPage(opts: { nonce: string; key: string; uploadPath: string; target: string; maxMb: number }): string {
  const cfg = JSON.stringify({ key: opts.key, path: opts.uploadPath }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>上传照片 · Upload photos</title>
<style nonce="${opts.nonce}">
body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:16px;background:#f5f6f8;color:#1d2330}
h1{font-size:20px;margin:0 0 4px}.en{color:#5b6475;font-size:14px}
.card{background:#fff;border-radius:10px;padding:16px;margin:12px 0;box-shadow:0 1px 3px #0002}
label.pick{display:block;text-align:center;padding:18px;border:2px dashed #3a6ea5;border-radius:10px;color:#3a6ea5;font-weight:600}
input[type=file]{position:absolute;left:-9999px}
button{width:100%;padding:14px;font-size:18px;border:0;border-radius:10px;background:#3a6ea5;color:#fff;margin-top:12px}
button:disabled{background:#9aa6b8}
li{margin:6px 0}.ok{color:#16794a}.err{color:#b3261e}
</style></head><body>
<h1>上传照片到：${esc(opts.target)}</h1><div class="en">Upload photos to: ${esc(opts.target)}</div>
<div class="card">
<label class="pick" for="files">选择照片或视频<br><span class="en">Choose photos or videos</span></label>
<input id="files" type="file" accept="image/*,video/*" multiple>
<p id="chosen" class="en">每个文件最大 ${opts.maxMb} MB · Up to ${opts.maxMb} MB per file</p>
<button id="send" type="button" disabled>上传 · Upload</button>
</div>
<ul id="log" aria-live="polite"></ul>
<script nonce="${opts.nonce}">
(function(){
var cfg=${cfg};
var input=document.getElementById('files'),send=document.getElementById('send'),log=document.getElementById('log'),chosen=document.getElementById('chosen');
input.addEventListener('change',function(){send.disabled=!input.files.length;chosen.textContent='已选 '+input.files.length+' 个文件 · '+input.files.length+' file(s) chosen';});
function line(cls,text){var li=document.createElement('li');li.className=cls;li.textContent=text;log.appendChild(li);return li;}
send.addEventListener('click',async function(){
  var files=Array.prototype.slice.call(input.files);send.disabled=true;input.disabled=true;
  for(var i=0;i<files.length;i++){
    var f=files[i];var li=line('', '正在上传 · Uploading: '+f.name);
    try{
      var r=await fetch(cfg.path,{method:'POST',headers:{'X-Intake-Key':cfg.key,'X-File-Name':encodeURIComponent(f.name),'Content-Type':'application/octet-stream'},body:f});
      var b=await r.json();
      if(b.ok){li.className='ok';li.textContent='✓ 已上传 · Uploaded: '+f.name;}
      else{li.className='err';li.textContent='✗ '+b.message;}
    }catch(e){li.className='err';li.textContent='✗ 连接中断，请确认手机与电脑在同一网络 · Connection lost: '+f.name;}
  }
  input.disabled=false;input.value='';
});
})();
</script></body></html>`;
}

/** A page with one message (link used, expired), in both languages. */
export function messagePage(zh: string, en: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>SelfCheck</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;padding:16px"><p>${esc(zh)}</p><p lang="en" style="color:#5b6475">${esc(en)}</p></body></html>`;
}
