// Loaded before the SIP stacks: JsSIP logs through the `debug` package with %c colour styles,
// which arrive in the saved console log as "%cJsSIP:UA %c… color: #FF9933". This folds such
// calls into one plain line (%c dropped with its style, %s/%d/%o/%O/%j filled in).
(() => {
  const show = (v) => {
    if (typeof v === 'string') return v;
    try { return JSON.stringify(v); } catch { return String(v); }
  };
  for (const level of ['debug', 'info', 'log', 'warn', 'error']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      if (typeof args[0] !== 'string' || !args[0].includes('%c')) return original(...args);
      const rest = args.slice(1);
      const text = args[0].replace(/%([csdioOj%])/g, (m, k) => {
        if (k === '%') return '%';
        if (!rest.length) return m;
        const v = rest.shift();
        return k === 'c' ? '' : show(v);
      });
      return original([text, ...rest.map(show)].join(' '));
    };
  }
})();
