name 'web'
version '0.3.0'
chef_version '>= 17'
