#!/usr/bin/env bash
# baresip (Debian's baresip-core 1.0.0) as a real SIP phone for the e2e tests: headless, in a
# private config directory, registering one account over UDP through the gateway, answering
# every call at once, sending a WAV tone and recording what it hears. Runs in the foreground (a
# test starts it in the background and ends it with ctrl_tcp's "quit" or SIGTERM: both
# un-REGISTER first; SIGKILL leaves the binding behind); writes everything under DIR.
# baresip 1.0 answers only MD5 digest challenges and gives up when the first one is SHA-256, as
# the demo tenant's is: use the MD5-only tenant of tenant.sh (--domain baresip.tabphone.test
# --password pw<user>) until the registrar or baresip changes.
#
#   baresip.sh DIR [options]
#     --user 1002            demo user (password demo<user> unless --password); domain --domain
#     --password PW          --domain D (demo.tabphone.test)
#     --registrar H:P        where REGISTER and every request go (outbound proxy), 127.0.0.1:5060
#     --sip-port N           SIP over UDP on 127.0.0.1:N (default 5070); baresip 1.0 also opens
#                            TCP N and TLS N+1, so give instances ports at least 2 apart
#     --sip-ip IP            listen (and send) on IP instead of 127.0.0.1, e.g. 127.0.0.2 to play a
#                            trunk provider the gateway knows by its address
#     --no-register          don't register (a provider: it takes calls for its account's user
#                            and dials the gateway through --registrar as outbound proxy)
#     --ctrl-port N          ctrl_tcp (netstring JSON commands and events) on 127.0.0.1:N (4470)
#     --tone HZ|FILE.wav     what it sends: a tone made with ../audio/make-tone.sh (8 kHz mono,
#                            60 s; aufile ends the call when the file runs out) or a given WAV
#                            of the codec's rate, mono 16-bit (default 1000)
#     --codec pcmu|pcma      the only codec it offers and accepts (default pcmu)
#     --rtp-ip IP            the address that goes into the SDP (default 127.0.0.1; 198.51.100.1,
#                            the host end of the browser namespace's veth, for a browser peer).
#                            RTP itself listens on every address.
#     --rtp-ports A-B        its RTP/RTCP ports (default 20000-20199; give each instance its own)
#     --dtls                 WebRTC-style media: ICE, DTLS-SRTP (UDP/TLS/RTP/SAVPF), rtcp-mux
#     --answer auto|manual   (default auto; manual: accept over ctrl_tcp with "accept")
#     --lifetime S           baresip quits by itself after S seconds (default 300), a safety net
#
# In DIR: config, accounts (made here each start), baresip.log (its output with the SIP trace),
# rec/dump-<YYYY-MM-DD-hh-mm-ss>-dec.wav (what it heard, one per call, named by the second the
# call's audio started) and rec/dump-<...>-enc.wav (what it sent), written by the sndfile filter.
# No audio device: the aufile module is the source and no player module is loaded (the decode
# filters run on every received packet all the same).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
DIR=$1; shift
user=1002 password="" domain=demo.tabphone.test registrar=127.0.0.1:5060 sip_port=5070 ctrl_port=4470
tone=1000 codec=pcmu rtp_ip=127.0.0.1 rtp_ports=20000-20199 dtls=0 answer=auto lifetime=300 sip_ip=127.0.0.1 regint=600
while [ $# -gt 0 ]; do
  case "$1" in
    --user) user=$2; shift ;;
    --password) password=$2; shift ;;
    --domain) domain=$2; shift ;;
    --registrar) registrar=$2; shift ;;
    --sip-port) sip_port=$2; shift ;;
    --sip-ip) sip_ip=$2; shift ;;
    --no-register) regint=0 ;;
    --ctrl-port) ctrl_port=$2; shift ;;
    --tone) tone=$2; shift ;;
    --codec) codec=$2; shift ;;
    --rtp-ip) rtp_ip=$2; shift ;;
    --rtp-ports) rtp_ports=$2; shift ;;
    --dtls) dtls=1 ;;
    --answer) answer=$2; shift ;;
    --lifetime) lifetime=$2; shift ;;
    -h|--help) usage ;;
    *) echo "baresip.sh: unknown option $1" >&2; usage ;;
  esac
  shift
done
[ -n "$password" ] || password="demo$user"
case "$codec" in pcmu|pcma) ;; *) echo "baresip.sh: --codec is pcmu or pcma" >&2; exit 2 ;; esac
command -v baresip >/dev/null || { echo "baresip.sh: baresip is missing (apt-get install baresip-core)" >&2; exit 1; }
ip -4 -o addr show | awk '{print $4}' | grep -qx "$rtp_ip/[0-9]*" || { echo "baresip.sh: $rtp_ip is no address of this host" >&2; exit 1; }

mkdir -p "$DIR/rec"
DIR=$(cd "$DIR" && pwd)
if [[ "$tone" =~ ^[0-9]+$ ]]; then
  wav="$DIR/../tone-${tone}hz-8k.wav"      # shared by the instances of a test run
  "$HERE/../audio/make-tone.sh" "$wav" "$tone" 8000 1 60
  wav=$(cd "$(dirname "$wav")" && pwd)/$(basename "$wav")
else
  wav=$(cd "$(dirname "$tone")" && pwd)/$(basename "$tone")
fi
[ -f "$wav" ] || { echo "baresip.sh: no tone file $wav" >&2; exit 1; }

medianat="" mediaenc="" mods_media="" rtcp_mux=no
if [ "$dtls" = 1 ]; then
  medianat=";medianat=ice" mediaenc=";mediaenc=dtls_srtp" rtcp_mux=yes
  mods_media=$'module\t\t\tice.so\nmodule\t\t\tdtls_srtp.so'
fi

# Only the modules a headless phone needs: no stdio (no terminal), no alsa (no sound card).
cat >"$DIR/config" <<EOF
# made by e2e/baresip/baresip.sh; remade at every start
poll_method		epoll
sip_listen		$sip_ip:$sip_port
call_local_timeout	120
call_max_calls		4
audio_source		aufile,$wav
audio_player		none,none
audio_alert		none,none
audio_level		no
audio_buffer		20-160
rtp_tos			184
rtp_ports		$rtp_ports
rtcp_mux		$rtcp_mux
jitter_buffer_delay	1-10
rtp_stats		yes
net_interface		$rtp_ip
module_path		/usr/lib/baresip/modules
module			g711.so
module			aufile.so
module			sndfile.so
$mods_media
module_tmp		uuid.so
module_tmp		account.so
module_app		menu.so
module_app		ctrl_tcp.so
ctrl_tcp_listen		127.0.0.1:$ctrl_port
snd_path		$DIR/rec
EOF
printf '<sip:%s@%s;transport=udp>;auth_pass=%s;outbound="sip:%s;transport=udp";regint=%s;answermode=%s;audio_codecs=%s%s%s\n' \
  "$user" "$domain" "$password" "$registrar" "$regint" "$answer" "$codec" "$medianat" "$mediaenc" >"$DIR/accounts"
: >"$DIR/contacts"

cd "$DIR"
# -4: IPv4 only (the ICE module would add every IPv6 address too); -s: SIP trace into the log;
# stdbuf: line-buffered, so the log is complete up to the moment a test reads it
exec stdbuf -oL -eL baresip -4 -s -f "$DIR" -t "$lifetime" </dev/null >>"$DIR/baresip.log" 2>&1
