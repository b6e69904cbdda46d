-- Neovim 0.7 (Debian bookworm): vim.lsp.start_client, the API before vim.lsp.config.
local out = {}
local function log(s) table.insert(out, s) end
local root = vim.fn.getcwd()
local id = vim.lsp.start_client({
  cmd = { vim.env.MIZAN_LSP or "mizan-lsp" },
  root_dir = root,
  name = "mizan",
  init_options = { debounceMs = 50 },
})
vim.cmd("edit shop/clients.py")
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  log(string.format("diagnostic %d:%d %s %s", d.lnum + 1, d.col + 1, d.code or "?", d.message))
end
-- completion inside affects="..."
local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 13, character = 19 } }
local res = vim.lsp.buf_request_sync(0, "textDocument/completion", params, 5000)
for _, r in pairs(res or {}) do
  local items = r.result and (r.result.items or r.result) or {}
  local labels = {}
  for _, it in ipairs(items) do table.insert(labels, it.label) end
  table.sort(labels)
  log("completion " .. table.concat(labels, ","))
end
-- hover on the function name `cart`
params.position = { line = 9, character = 5 }
res = vim.lsp.buf_request_sync(0, "textDocument/hover", params, 5000)
for _, r in pairs(res or {}) do
  local c = r.result and r.result.contents
  log("hover " .. (type(c) == "table" and (c.value or "") or tostring(c)):gsub("\n", " | "):sub(1, 160))
end
-- the quick fix for the typo
params.position = { line = 13, character = 19 }
params.range = { start = { line = 13, character = 17 }, ["end"] = { line = 13, character = 22 } }
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, 13) }
res = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 5000)
for _, r in pairs(res or {}) do
  for _, a in ipairs(r.result or {}) do log("code action " .. a.title) end
end
vim.fn.writefile(out, vim.env.OUT)
vim.lsp.stop_client(id)
vim.cmd("qa!")
