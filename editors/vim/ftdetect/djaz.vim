" Vim filetype detection for .djaz specs.
autocmd BufNewFile,BufRead *.djaz setfiletype djaz
