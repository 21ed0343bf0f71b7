#
# Cookbook:: web
# Recipe:: default
#
# Every resource below changes a running host in a way nobody reviewed: `driftless examples/chef`
# reports each one, and `driftless --fix examples/chef` applies the offline fixes.

package 'nginx' do
  action :upgrade
end

package 'curl'

execute 'patch the host' do
  command 'apt-get update && apt-get -y upgrade'
end

remote_file '/usr/local/bin/deploy-tool' do
  source 'https://downloads.example.com/deploy-tool/latest/deploy-tool'
  mode '0755'
end

git '/srv/site' do
  repository 'https://github.com/example/site.git'
  revision 'main'
end

execute 'tune nginx' do
  command "sed -i 's/worker_processes 1/worker_processes 4/' /etc/nginx/nginx.conf"
end

docker_image 'redis' do
  tag 'latest'
end
