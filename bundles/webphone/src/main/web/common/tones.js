// The phone's own sounds, made with WebAudio (no audio files): ringback while the far end rings
// (440+480 Hz, 2 s on, 4 s off), the ring of an incoming call, and a short DTMF pair for each key
// pressed during a call. Browsers only allow sound after the user has touched the page, so
// nothing is created before that (no "AudioContext was not allowed to start" warning): an
// incoming call on an untouched page rings through the notification only.

const DTMF = {
  1: [697, 1209], 2: [697, 1336], 3: [697, 1477], A: [697, 1633],
  4: [770, 1209], 5: [770, 1336], 6: [770, 1477], B: [770, 1633],
  7: [852, 1209], 8: [852, 1336], 9: [852, 1477], C: [852, 1633],
  '*': [941, 1209], 0: [941, 1336], '#': [941, 1477], D: [941, 1633],
};

export class Tones {
  constructor() {
    this.ctx = null;
    this.loop = null;   // {timer, nodes}
  }

  /** The AudioContext, created on first use once the user has interacted with the page. */
  context() {
    if (this.ctx) {
      if (this.ctx.state === 'suspended') this.ctx.resume().catch(() => {});
      return this.ctx;
    }
    const active = navigator.userActivation ? navigator.userActivation.hasBeenActive : false;
    if (!active || typeof AudioContext === 'undefined') return null;
    this.ctx = new AudioContext();
    return this.ctx;
  }

  /** Plays freqs for ms milliseconds from `at` (context time); returns the nodes. */
  burst(ctx, freqs, at, ms, level = 0.08) {
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(level, at + 0.01);
    gain.gain.setValueAtTime(level, at + ms / 1000 - 0.01);
    gain.gain.linearRampToValueAtTime(0, at + ms / 1000);
    gain.connect(ctx.destination);
    const oscs = freqs.map((f) => {
      const o = ctx.createOscillator();
      o.frequency.value = f;
      o.connect(gain);
      o.start(at);
      o.stop(at + ms / 1000 + 0.02);
      return o;
    });
    return [gain, ...oscs];
  }

  /** Repeats pattern (a list of [freqs, ms on, ms off]) until stop(). */
  repeat(pattern) {
    this.stop();
    const ctx = this.context();
    if (!ctx) return false;
    const period = pattern.reduce((n, [, on, off]) => n + on + off, 0);
    const loop = { nodes: [], timer: null };
    const once = () => {
      let t = ctx.currentTime + 0.05;
      loop.nodes = loop.nodes.slice(-12);   // earlier bursts have stopped by themselves
      for (const [freqs, on, off] of pattern) {
        loop.nodes.push(...this.burst(ctx, freqs, t, on));
        t += (on + off) / 1000;
      }
    };
    once();
    loop.timer = setInterval(once, period);
    this.loop = loop;
    return true;
  }

  ringback() {
    return this.repeat([[[440, 480], 2000, 4000]]);
  }

  ring() {
    return this.repeat([[[480, 620], 400, 200], [[480, 620], 400, 2000]]);
  }

  stop() {
    if (!this.loop) return;
    clearInterval(this.loop.timer);
    for (const n of this.loop.nodes) {
      try {
        if (n.stop) n.stop(); else n.disconnect();
      } catch {
        // already stopped
      }
    }
    this.loop = null;
  }

  /** The local feedback for a DTMF key (the tone itself goes out as RFC 4733 events). */
  key(digit) {
    const ctx = this.context();
    const freqs = DTMF[String(digit).toUpperCase()];
    if (ctx && freqs) this.burst(ctx, freqs, ctx.currentTime + 0.01, 120, 0.05);
  }
}
