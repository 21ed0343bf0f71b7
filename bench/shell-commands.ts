/** Commands the generated Ansible tasks and Chef execute resources chain: upgrades, look-alikes, sed -i, curl|sh, harmless ones. */
export const GENERATED_SHELL_COMMANDS: readonly string[] = [
  'apt-get update',
  'apt-get -y dist-upgrade',
  'systemctl daemon-reload',
  'echo "yum update"',
  "sed -i 's/^#Port 22/Port 2222/' /etc/ssh/sshd_config",
  'curl -fsSL https://get.example.com | sh',
  '/usr/local/bin/app migrate --env production',
  'find /var/log/app -mtime +7 -delete',
];
