// The simulator's page: a phone-sized chat that renders LINE message objects (text, quick
// replies, flex bubbles with buttons) and sends taps back as postbacks. Its own words come from
// locales/<lang>/simulator.json.
import type { TFunction } from "i18next";

/** A rich menu button as the page draws it: its label, colour and postback data. */
export interface SimulatorMenuButton {
  item: string;
  label: string;
  colour: string;
  data: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function simulatorPage(t: TFunction, menu: SimulatorMenuButton[] = []): string {
  const ui = {
    menu: t("menu"),
    title: t("title"),
    placeholder: t("placeholder"),
    send: t("send"),
    follow: t("follow"),
    sticker: t("sticker"),
    newUser: t("newUser"),
    note: t("note"),
  };
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(ui.title)}</title>
<style>
body{margin:0;font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;background:#8cabd9;display:flex;justify-content:center}
#phone{width:420px;max-width:100%;height:100vh;display:flex;flex-direction:column;background:#8cabd9}
header{background:#273246;color:#fff;padding:10px 14px;font-weight:bold;display:flex;gap:8px;align-items:center}
header small{font-weight:normal;opacity:.8;flex:1}
header button{font-size:12px}
#log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.bubble{max-width:80%;padding:8px 12px;border-radius:16px;white-space:pre-wrap;word-break:break-word;line-height:1.45}
.bot{background:#fff;align-self:flex-start}
.me{background:#8de055;align-self:flex-end}
.flex{background:#fff;align-self:flex-start;border-radius:12px;padding:10px;max-width:85%;display:flex;flex-direction:column;gap:6px}
.flex button{border:1px solid #06c755;background:#fff;color:#06c755;border-radius:8px;padding:6px;cursor:pointer}
.flex button.primary{background:#06c755;color:#fff}
#quick{display:flex;gap:6px;overflow-x:auto;padding:6px 10px;min-height:38px;background:#eef2f8}
#quick button{flex:none;border:1px solid #06c755;background:#fff;color:#06c755;border-radius:16px;padding:6px 12px;cursor:pointer}
form{display:flex;gap:6px;padding:8px;background:#fff}
form input{flex:1;padding:8px;border:1px solid #ccc;border-radius:18px}
.loading{align-self:flex-start;color:#fff;font-size:12px}
#menu{display:grid;grid-template-columns:1fr 1fr;gap:2px;background:#fff}
#menu button{border:0;color:#fff;font-weight:bold;padding:14px 6px;cursor:pointer;font-size:14px}
</style></head>
<body><div id="phone">
<header>Tsunagu <small>${esc(ui.note)}</small>
<button type="button" id="follow">${esc(ui.follow)}</button><button type="button" id="newUser">${esc(ui.newUser)}</button></header>
<div id="log" aria-live="polite"></div>
<div id="quick"></div>
<form id="form"><input id="text" autocomplete="off" placeholder="${esc(ui.placeholder)}" aria-label="${esc(ui.placeholder)}">
<button type="button" id="sticker" title="${esc(ui.sticker)}">🙂</button><button>${esc(ui.send)}</button></form>
<nav id="menu" aria-label="${esc(ui.menu)}">${menu.map((b) => `<button type="button" data-menu="${esc(b.item)}" data-postback="${esc(b.data)}" style="background:${esc(b.colour)}">${esc(b.label)}</button>`).join("")}</nav>
</div>
<script>
const log=document.getElementById('log'),quick=document.getElementById('quick');
function newId(){const a=new Uint8Array(14);crypto.getRandomValues(a);return 'Usim'+[...a].map(b=>b.toString(16).padStart(2,'0')).join('');}
let userId=localStorage.getItem('tsunagu.sim.user')||newId();localStorage.setItem('tsunagu.sim.user',userId);
function add(cls,text){const d=document.createElement('div');d.className='bubble '+cls;d.textContent=text;log.appendChild(d);log.scrollTop=log.scrollHeight;}
async function send(ev){await fetch('/simulator/api/events',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({userId,...ev})});}
function tap(action){quick.innerHTML='';if(action.type==='postback'){add('me',action.displayText||action.label);send({type:'postback',data:action.data});}else if(action.type==='message'){add('me',action.text);send({type:'text',text:action.text});}}
function flexNode(node,box){if(!node)return;if(node.type==='box'){(node.contents||[]).forEach(c=>flexNode(c,box));}
 else if(node.type==='text'){const p=document.createElement('div');p.textContent=node.text||'';if(node.weight==='bold')p.style.fontWeight='bold';box.appendChild(p);}
 else if(node.type==='button'){const b=document.createElement('button');b.type='button';b.textContent=node.action.label;if(node.style==='primary')b.className='primary';b.onclick=()=>tap(node.action);box.appendChild(b);}}
function render(messages){for(const m of messages){
 if(m.type==='text')add('bot',m.text);
 else if(m.type==='flex'){const box=document.createElement('div');box.className='flex';const c=m.contents;['header','hero','body','footer'].forEach(k=>flexNode(c[k],box));log.appendChild(box);log.scrollTop=log.scrollHeight;}
 else add('bot','['+m.type+']');
 quick.innerHTML='';if(m.quickReply){for(const it of m.quickReply.items){const b=document.createElement('button');b.type='button';b.textContent=it.action.label;b.onclick=()=>tap(it.action);quick.appendChild(b);}}}}
let es;function connect(){if(es)es.close();es=new EventSource('/simulator/api/stream?userId='+userId);es.onmessage=e=>render(JSON.parse(e.data));}
connect();
document.getElementById('form').onsubmit=e=>{e.preventDefault();const i=document.getElementById('text');const v=i.value.trim();if(!v)return;i.value='';quick.innerHTML='';add('me',v);send({type:'text',text:v});};
// The rich menu: as on LINE, a tap sends its postback and shows nothing in the chat.
document.querySelectorAll('#menu button').forEach(b=>{b.onclick=()=>{quick.innerHTML='';send({type:'postback',data:b.dataset.postback});};});
document.getElementById('follow').onclick=()=>send({type:'follow'});
document.getElementById('sticker').onclick=()=>{add('me','🙂');send({type:'sticker'});};
document.getElementById('newUser').onclick=()=>{userId=newId();localStorage.setItem('tsunagu.sim.user',userId);log.innerHTML='';quick.innerHTML='';connect();send({type:'follow'});};
if(!localStorage.getItem('tsunagu.sim.started')){localStorage.setItem('tsunagu.sim.started','1');setTimeout(()=>send({type:'follow'}),300);}
</script></body></html>`;
}
