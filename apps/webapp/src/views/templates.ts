// Templates live in TS strings so the esbuild bundle is self-contained (no template files to ship).

/**
 * The home page: instance heading, upload form (a drop zone once the client script runs), the "Uploaded Files"
 * list with pagination. data-testid attributes are the contract of the browser tests (apps/webapp-e2e).
 */
export const HOME_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{{ csrfToken }}">
<title>Uploads · {{ instanceId }}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{{ assets.css }}">
{% if assets.js %}<script src="{{ assets.js }}" defer></script>{% endif %}
</head>
<body>
<header class="masthead hue-{{ instanceId | instanceHue }}">
<div class="wrap">
<p class="eyebrow">HA Uploads</p>
<h1>Served by <span class="instance" data-testid="instance-id">{{ instanceId }}</span></h1>
<p class="lede">Reload the page: the load balancer may hand you to another instance, yet the list stays the same. Files live in S3 and DynamoDB, never on a server's disk.</p>
{% if user %}<form class="who" method="post" action="/sign-out" data-testid="signed-in"><span>Signed in as <strong data-testid="user-name">{{ user.name }}</strong>{% if user.isAdmin %} <span class="badge admin">admin</span>{% endif %}</span>{% if user.canSignOut %}<input type="hidden" name="_csrf" value="{{ csrfToken }}"><button type="submit" class="secondary" data-testid="sign-out">Sign out</button>{% endif %}</form>{% endif %}
</div>
</header>
<main class="wrap">
{% if error %}<p class="flash error" role="alert" data-code="{{ error.code }}">{{ error.message }}</p>{% endif %}
{% if uploaded %}<p class="flash ok" role="status">Uploaded {{ uploaded }} file{% if uploaded != 1 %}s{% endif %}.</p>{% endif %}
{% if notice %}<div class="flash ok" role="status" data-testid="notice"><span>{{ notice.message }}</span>{% if notice.undoId %} <form class="inline" method="post" action="/files/{{ notice.undoId }}/restore"><input type="hidden" name="_csrf" value="{{ csrfToken }}"><button type="submit" class="secondary" data-testid="undo">Undo</button></form>{% endif %}</div>{% endif %}
{% if signInRequired %}<p class="flash" role="status">Sign in to upload; anyone may read the list.</p>{% endif %}
<section class="card drop-zone" data-testid="drop-zone" aria-labelledby="upload-title">
<h2 id="upload-title">Upload files</h2>
<form class="upload" data-testid="upload-form" method="post" action="/upload" enctype="multipart/form-data" data-max-bytes="{{ maxBytes }}" data-max-files="{{ maxFiles }}"{% if direct %} data-direct-min-bytes="{{ direct.minBytes }}" data-direct-max-bytes="{{ direct.maxBytes }}"{% endif %}>
<input type="hidden" name="_csrf" value="{{ csrfToken }}">
<p class="drop-hint" aria-hidden="true">Drop files anywhere in this box, or</p>
<div class="picker">
<label for="file-input">Files to upload</label>
<input id="file-input" data-testid="file-input" type="file" name="file" multiple required aria-describedby="upload-hint">
<button type="submit" class="primary" data-testid="upload-submit">Upload</button>
</div>
<p class="hint" id="upload-hint" data-testid="upload-hint"><span class="no-js-only">Up to {{ maxFiles }} files at once, {{ maxSize }} each.</span><span class="js-only">Any number of files, up to {% if direct %}{{ direct.maxBytes | humanSize }}{% else %}{{ maxSize }}{% endif %} each.</span></p>
</form>
<ul class="uploads" data-testid="upload-list" aria-label="Uploads"></ul>
</section>
<section class="card" id="files" aria-labelledby="files-title">
<div class="section-head">
<h2 id="files-title">Uploaded Files</h2>
{% if files.length %}<span class="count">{{ files.length }}{% if nextCursor %}+{% endif %} file{% if files.length != 1 or nextCursor %}s{% endif %}</span>{% endif %}
</div>
{% if files.length %}
<ul class="files" data-testid="file-list">
{% for file in files %}
<li class="file" data-testid="file-item" data-id="{{ file.id }}" data-scan="{{ file.scan }}">
<div class="file-main">
{% if file.scan == 'clean' or file.scan == 'unscannable' or (file.scan == 'pending' and file.canDelete) %}<a class="file-name" data-testid="file-name" href="/files/{{ file.id }}" download>{{ file.name }}</a>{% else %}<span class="file-name" data-testid="file-name">{{ file.name }}</span>{% endif %}{% if file.yours %} <span class="badge yours" data-testid="yours">yours</span>{% endif %}{% if file.scan == 'pending' %} <span class="badge scanning" data-testid="file-scan">Scanning…</span>{% elif file.scan == 'infected' %} <span class="badge blocked" data-testid="file-scan">Malware found: {{ file.scanDetail }}</span>{% elif file.scan == 'unscannable' %} <span class="badge blocked" data-testid="file-scan">Not scanned: {{ file.scanDetail }}</span>{% endif %}
<p class="file-meta"><span>{{ file.size | humanSize }}</span><span><time datetime="{{ file.uploadedAt }}" title="{{ file.uploadedAt | absoluteTime }}">{{ file.uploadedAt | relativeTime }}</time><span class="absolute"> · {{ file.uploadedAt | absoluteTime }}</span></span><span>received by <span class="instance-tag hue-{{ file.uploadedBy | instanceHue }}">{{ file.uploadedBy }}</span></span><span class="checksum" data-testid="file-checksum">{% if file.checksum %}{{ file.checksum.algorithm | lower }} {{ file.checksum.type | lower }} {{ file.checksum.value }}{% else %}sha256 {{ file.sha256 }}{% endif %}</span></p>
</div>
{% if file.canDelete %}<form class="delete" method="post" action="/files/{{ file.id }}/delete" data-confirm="Delete {{ file.name }}? You can undo this for a while under Recently deleted."><input type="hidden" name="_csrf" value="{{ csrfToken }}"><button type="submit" class="danger" aria-label="Delete {{ file.name }}">Delete</button></form>{% endif %}
</li>
{% endfor %}
</ul>
{% else %}
<div class="empty" data-testid="empty-state">
<p class="empty-title">No files yet</p>
<p>Upload one above, then reload: it stays listed whichever instance answers.</p>
</div>
{% endif %}
{% if cursor or nextCursor %}
<nav class="pages" aria-label="Pages">
{% if cursor %}<a href="/">First page</a>{% endif %}
{% if nextCursor %}<a rel="next" href="/?cursor={{ nextCursor | urlencode }}">Next page</a>{% endif %}
</nav>
{% endif %}
</section>
{% if trash.length %}
<section class="card" id="trash" aria-labelledby="trash-title">
<h2 id="trash-title">Recently deleted</h2>
<ul class="files" data-testid="trash-list">
{% for file in trash %}
<li class="file" data-testid="trash-item" data-id="{{ file.id }}">
<div class="file-main">
<span class="file-name" data-testid="trash-name">{{ file.name }}</span>
<p class="file-meta"><span>{{ file.size | humanSize }}</span><span>deleted <time datetime="{{ file.deletedAt }}">{{ file.deletedAt | relativeTime }}</time></span><span>restorable until {{ file.restorableUntil | absoluteTime }}</span></p>
</div>
<form class="delete" method="post" action="/files/{{ file.id }}/restore"><input type="hidden" name="_csrf" value="{{ csrfToken }}"><button type="submit" class="secondary" aria-label="Restore {{ file.name }}">Restore</button></form>
<form class="delete" method="post" action="/files/{{ file.id }}/purge" data-confirm="Delete {{ file.name }} forever? This cannot be undone."><input type="hidden" name="_csrf" value="{{ csrfToken }}"><button type="submit" class="danger" aria-label="Delete {{ file.name }} forever">Delete forever</button></form>
</li>
{% endfor %}
</ul>
{% if trashNextCursor %}<nav class="pages" aria-label="Deleted pages"><a rel="next" href="/?trashCursor={{ trashNextCursor | urlencode }}#trash">Older deleted files</a></nav>{% endif %}
</section>
{% endif %}
</main>
</body>
</html>
`;

/** Page styles, served at /assets/app.css (the CSP forbids inline styles). */
export const APP_CSS = `
:root {
  --bg: #f4f6fa; --card: #fff; --text: #1b2230; --muted: #5d6678; --line: #e2e6ee;
  --primary: #2459d6; --primary-dark: #1b46ad; --danger: #b42318; --ok: #1d6b35; --radius: .75rem;
  color-scheme: light;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.wrap { max-width: 56rem; margin: 0 auto; padding: 0 1rem; }
a { color: var(--primary); }
:focus-visible { outline: 3px solid #86a8ff; outline-offset: 2px; }

.hue-0 { --accent: #2459d6; --accent-soft: #e6eeff; }
.hue-1 { --accent: #a13ac2; --accent-soft: #f6e8fb; }
.hue-2 { --accent: #0f7b6c; --accent-soft: #e1f5f1; }
.hue-3 { --accent: #c2410c; --accent-soft: #fdeee6; }
.hue-4 { --accent: #4f46e5; --accent-soft: #ecebfd; }
.hue-5 { --accent: #a16207; --accent-soft: #fbf3dc; }

.masthead { background: var(--accent); color: #fff; padding: 2rem 0 2.25rem; }
.eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .12em; font-size: .8rem; font-weight: 600; opacity: .85; }
h1 { margin: .25rem 0 .5rem; font-size: clamp(1.6rem, 4vw, 2.4rem); line-height: 1.2; }
.instance { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: rgba(255,255,255,.18); padding: .05em .4em; border-radius: .4rem; overflow-wrap: anywhere; }
.lede { margin: 0; max-width: 40rem; opacity: .92; }

main.wrap { margin-top: -1rem; padding-bottom: 3rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.25rem 1.5rem; margin-bottom: 1.25rem; box-shadow: 0 1px 2px rgba(16,24,40,.06); }
h2 { margin: 0 0 .75rem; font-size: 1.15rem; }
.section-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; }
.count { color: var(--muted); font-size: .9rem; }

.flash { padding: .7rem 1rem; border-radius: .5rem; margin: 1.25rem 0; position: relative; }
.flash.error { background: #fde8e7; color: #8a1c1c; border: 1px solid #f5c2be; }
.flash.ok { background: #e5f5ea; color: var(--ok); border: 1px solid #bfe3ca; }

.drop-zone { border: 2px dashed #c4cbda; transition: border-color .15s, background-color .15s; }
.drop-zone.dragging { border-color: var(--primary); background: #eef3ff; }
.drop-hint { display: none; margin: 0 0 .5rem; color: var(--muted); }
.js .drop-hint { display: block; }
.picker { display: flex; flex-wrap: wrap; align-items: center; gap: .75rem; }
.picker label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
input[type=file] { flex: 1 1 16rem; min-width: 0; color: var(--muted); }
input[type=file]::file-selector-button { font: inherit; margin-right: .75rem; padding: .45rem .9rem; border-radius: .5rem; border: 1px solid #c4cbda; background: #fff; color: var(--text); cursor: pointer; }
button { font: inherit; cursor: pointer; border-radius: .5rem; padding: .45rem 1rem; border: 1px solid transparent; }
button.primary { background: var(--primary); color: #fff; }
button.primary:hover { background: var(--primary-dark); }
button.danger, button.secondary { background: #fff; border-color: var(--line); color: var(--danger); padding: .3rem .8rem; font-size: .9rem; }
button.secondary { color: var(--text); }
button.danger:hover { background: #fdeceb; border-color: #f5c2be; }
.hint { color: var(--muted); font-size: .9rem; margin: .6rem 0 0; }
/* The limits differ: the plain form posts every file through the app, the script sends large ones straight to S3. */
.js-only, .js .no-js-only { display: none; }
.js .js-only { display: inline; }

.uploads { list-style: none; margin: 0; padding: 0; }
.uploads:not(:empty) { margin-top: 1rem; border-top: 1px solid var(--line); padding-top: .5rem; }
.upload-row { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: .15rem 1rem; padding: .5rem 0; }
.upload-name { font-weight: 600; overflow-wrap: anywhere; }
.upload-row progress { grid-column: 1 / -1; width: 100%; height: .6rem; accent-color: var(--primary); }
.upload-status { grid-column: 1; color: var(--muted); font-size: .85rem; }
.upload-row[data-state=done] .upload-status { color: var(--ok); }
.upload-row[data-state=done] progress { accent-color: var(--ok); }
.upload-row[data-state=error] .upload-status { color: var(--danger); }
.upload-row[data-state=error] progress { accent-color: var(--danger); }
.upload-row[data-state=cancelled] progress { accent-color: #98a2b3; }
.upload-row[data-state=cancelled] .upload-status { color: var(--muted); font-style: italic; }
.upload-row .upload-actions { grid-column: 2; grid-row: 1; align-self: start; display: flex; gap: .5rem; }
.upload-row .upload-checksum { grid-column: 1 / -1; color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }

.files { list-style: none; margin: 0; padding: 0; }
.file { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .75rem 0; border-top: 1px solid var(--line); }
.file:first-child { border-top: 0; }
/* The name keeps at least 12rem; on a narrow screen the buttons wrap below it instead of squeezing it. */
.file-main { flex: 1 1 12rem; min-width: 0; }
.file-name { font-weight: 600; text-decoration: none; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.file-name:hover { text-decoration: underline; }
.file-meta { margin: .15rem 0 0; color: var(--muted); font-size: .88rem; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.file-meta > span { min-width: 0; overflow-wrap: anywhere; }
.checksum { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8rem; }
.instance-tag { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--accent); background: var(--accent-soft); padding: 0 .35em; border-radius: .3rem; }
.delete, .inline { margin: 0; display: inline; }
.badge { font-size: .75rem; font-weight: 600; padding: .05em .45em; border-radius: .3rem; background: #e6eeff; color: var(--primary); vertical-align: middle; }
.badge.admin { background: rgba(255,255,255,.25); color: #fff; }
.badge.scanning { background: #fff4e0; color: #8a5a00; }
.badge.blocked { background: #fde7e7; color: var(--danger); }
.who { display: flex; align-items: center; gap: .75rem; margin: .75rem 0 0; }
.flash.ok { display: flex; align-items: center; gap: .75rem; }
.empty { text-align: center; padding: 2rem 1rem; color: var(--muted); }
.empty p { margin: .25rem 0; }
.empty-title { font-weight: 600; color: var(--text); font-size: 1.05rem; }
.pages { display: flex; gap: 1rem; margin-top: 1rem; padding-top: .75rem; border-top: 1px solid var(--line); }

@media (max-width: 36rem) {
  .card { padding: 1rem; }
  .absolute { display: none; }
  .file { align-items: flex-start; }
}
`;
